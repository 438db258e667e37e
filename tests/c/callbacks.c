/*
 * Callbacks through the C API: bunq's sample bodies parse, garbage and huge bodies are
 * refused, the sender check; then the whole webhook loop against the fake bunq: a filter
 * pointing at a small receiver in this program, a payment, the callbacks received, parsed,
 * their sender checked and each confirmed through the signed API; a forged callback confirms
 * as not found; filters listed and cleared.
 *
 * Usage: callbacks <fake bunq base URL> <directory of callback samples>
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "check.h"

#define MAX_BODY (64 * 1024)
#define EXPECTED 2 /* PAYMENT and MUTATION for the payer's account */

static const char *base_url;

/* What the receiver took in: bodies and the address each came from. */
struct received {
    char *bodies[8];
    char senders[8][64];
    int count;
    int listener;
};

static void every_sample_parses(const char *samples) {
    const char *names[] = {"BunqMeTab",       "DraftPayment",     "MasterCardAction",
                           "MonetaryAccountBank", "Mutation",     "RequestInquiry",
                           "ScheduledPayment", "ShareInviteBankInquiry"};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512];
        size_t length = 0;
        char *body;
        char *callback = NULL;
        snprintf(path, sizeof path, "%s/%s.json", samples, names[i]);
        body = read_file(path, &length);
        CHECK(body != NULL);
        if (body == NULL) {
            continue;
        }
        CHECK_OK(bunq_callback_parse((const uint8_t *)body, length, &callback));
        CHECK(callback != NULL && strstr(callback, "\"deduplication_key\":\"") != NULL);
        CHECK(callback != NULL && strstr(callback, "\"category\":\"") != NULL);
        bunq_string_free(callback);
        free(body);
    }
}

static void bad_bodies_are_refused(void) {
    const char *garbage[] = {"", "not json", "{}", "[1,2]", "{\"NotificationUrl\": 7}",
                             "{\"NotificationUrl\": {\"category\": \"PAYMENT\"}}"};
    size_t huge_length = 2 * 1024 * 1024;
    char *huge = malloc(huge_length);
    char *callback = NULL;
    size_t i;
    for (i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        CHECK_STATUS(bunq_callback_parse((const uint8_t *)garbage[i], strlen(garbage[i]),
                                         &callback),
                     BUNQ_ERROR_INVALID_INPUT);
        CHECK(last_error_mentions("not a bunq callback"));
    }
    if (huge != NULL) {
        memset(huge, ' ', huge_length);
        CHECK_STATUS(bunq_callback_parse((const uint8_t *)huge, huge_length, &callback),
                     BUNQ_ERROR_INVALID_INPUT);
        free(huge);
    }
    CHECK(callback == NULL);
}

static void the_sender_is_checked(void) {
    bool is_bunq = false;
    CHECK_OK(bunq_callback_sender_is_bunq("185.40.108.7", NULL, &is_bunq));
    CHECK(is_bunq);
    CHECK_OK(bunq_callback_sender_is_bunq("[::ffff:185.40.111.255]:443", NULL, &is_bunq));
    CHECK(is_bunq);
    CHECK_OK(bunq_callback_sender_is_bunq("127.0.0.2", NULL, &is_bunq));
    CHECK(!is_bunq);
    CHECK_OK(bunq_callback_sender_is_bunq("127.0.0.2:5000", "[\"127.0.0.0/8\"]", &is_bunq));
    CHECK(is_bunq);
    CHECK_STATUS(bunq_callback_sender_is_bunq("bunq.com", NULL, &is_bunq),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_callback_sender_is_bunq("1.2.3.4", "[\"185.40.108.1/22\"]", &is_bunq),
                 BUNQ_ERROR_INVALID_INPUT);
}

/* A listening socket on 127.0.0.1 and its port; an accept gives up after 20 s, so that a
 * callback that never comes fails the test instead of hanging it. */
static int listen_on_loopback(int *port) {
    struct sockaddr_in address;
    struct timeval patience = {20, 0};
    socklen_t size = sizeof address;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 ||
        listen(listener, 8) != 0 ||
        setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience) != 0 ||
        getsockname(listener, (struct sockaddr *)&address, &size) != 0) {
        perror("listen");
        exit(EXIT_FAILURE);
    }
    *port = ntohs(address.sin_port);
    return listener;
}

/* Reads one HTTP request; the body (caller frees), or NULL. */
static char *read_request_body(int connection) {
    char *buffer = malloc(MAX_BODY + 1);
    size_t filled = 0;
    char *head_end = NULL;
    size_t body_length = 0;
    while (buffer != NULL && filled < MAX_BODY) {
        ssize_t got = read(connection, buffer + filled, MAX_BODY - filled);
        if (got <= 0) {
            break;
        }
        filled += (size_t)got;
        buffer[filled] = '\0';
        head_end = strstr(buffer, "\r\n\r\n");
        if (head_end != NULL) {
            const char *length = strstr(buffer, "Content-Length:");
            if (length == NULL) {
                length = strstr(buffer, "content-length:");
            }
            body_length = length ? strtoul(length + 15, NULL, 10) : 0;
            if (filled >= (size_t)(head_end + 4 - buffer) + body_length) {
                break;
            }
        }
    }
    if (buffer == NULL || head_end == NULL) {
        free(buffer);
        return NULL;
    }
    memmove(buffer, head_end + 4, body_length);
    buffer[body_length] = '\0';
    return buffer;
}

/* Answers each callback at once (bunq wants a quick 2xx) and keeps it for later. */
static void *receive(void *argument) {
    struct received *received = argument;
    const char *ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    while (received->count < EXPECTED) {
        struct sockaddr_in peer;
        socklen_t size = sizeof peer;
        int connection = accept(received->listener, (struct sockaddr *)&peer, &size);
        char *body;
        if (connection < 0) {
            break;
        }
        body = read_request_body(connection);
        if (write(connection, ok, strlen(ok)) < 0) {
            perror("write");
        }
        close(connection);
        if (body != NULL) {
            inet_ntop(AF_INET, &peer.sin_addr, received->senders[received->count], 64);
            received->bodies[received->count++] = body;
        }
    }
    return NULL;
}

static void the_whole_loop(void) {
    struct received received;
    pthread_t receiver;
    char target[128];
    char ids[128];
    char *accounts = NULL;
    char *filters = NULL;
    char *answer = NULL;
    unsigned long long account;
    unsigned long long payment;
    uint64_t request = 0;
    int port;
    int i;
    bunq_client *client = a_sandbox_client(base_url);
    if (client == NULL) {
        return;
    }
    memset(&received, 0, sizeof received);
    received.listener = listen_on_loopback(&port);
    snprintf(target, sizeof target, "http://127.0.0.1:%d/bunq-callback", port);

    CHECK_OK(bunq_client_call(client, "MonetaryAccountBank.list", NULL, NULL, NULL, &accounts));
    account = accounts ? number_after(accounts, "[", "id") : 0;
    bunq_string_free(accounts);
    CHECK_OK(bunq_sandbox_money_request(client, account, "10.00", "money to spend", &request));

    CHECK_STATUS(bunq_notification_filter_add(client, account, "PAYMENT",
                                              "ftp://127.0.0.1/x", NULL),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_OK(bunq_notification_filter_add(client, account, "PAYMENT", target, NULL));
    CHECK_OK(bunq_notification_filter_add(client, account, "MUTATION", target, &filters));
    CHECK(filters != NULL && occurrences(filters, target) == 2);
    bunq_string_free(filters);
    filters = NULL;

    pthread_create(&receiver, NULL, receive, &received);
    snprintf(ids, sizeof ids, "{\"monetary_account_id\": %llu}", account);
    CHECK_OK(bunq_client_call(
        client, "Payment.create", ids,
        "{\"amount\": {\"value\": \"0.01\", \"currency\": \"EUR\"}, \"counterparty_alias\": "
        "{\"type\": \"EMAIL\", \"value\": \"sugardaddy@bunq.com\", \"name\": \"Sugar Daddy\"}, "
        "\"description\": \"a callback, please\"}",
        NULL, &answer));
    payment = answer ? strtoull(answer, NULL, 10) : 0;
    bunq_string_free(answer);
    pthread_join(receiver, NULL);
    close(received.listener);

    CHECK(received.count == EXPECTED);
    for (i = 0; i < received.count; i++) {
        char *callback = NULL;
        char *current = NULL;
        bool from_fake = false;
        CHECK_OK(bunq_callback_parse((const uint8_t *)received.bodies[i],
                                     strlen(received.bodies[i]), &callback));
        CHECK_OK(bunq_callback_sender_is_bunq(received.senders[i], "[\"127.0.0.0/8\"]",
                                              &from_fake));
        CHECK(from_fake);
        if (callback != NULL) {
            char own_id[64];
            snprintf(own_id, sizeof own_id, "\"id\":%llu,", payment);
            CHECK(number_after(callback, "{", "object_id") == payment);
            CHECK_OK(bunq_client_confirm_callback(client, callback, &current));
            CHECK(current != NULL && strstr(current, own_id) != NULL);
            printf("callback %d: %.70s... confirmed\n", i + 1, callback);
        }
        bunq_string_free(current);
        bunq_string_free(callback);
        free(received.bodies[i]);
    }

    /* A forged callback naming a payment bunq does not know: not found. */
    {
        char forged[256];
        char *current = NULL;
        snprintf(forged, sizeof forged,
                 "{\"object_type\": \"Payment\", \"object\": {\"id\": 999999, "
                 "\"monetary_account_id\": %llu}}",
                 account);
        CHECK_STATUS(bunq_client_confirm_callback(client, forged, &current), BUNQ_ERROR_API);
        CHECK(bunq_last_error_http_status() == 404);
        CHECK(current == NULL);
    }

    CHECK_OK(bunq_notification_filters_list(client, account, &filters));
    CHECK(filters != NULL && occurrences(filters, target) == 2);
    bunq_string_free(filters);
    filters = NULL;
    CHECK_OK(bunq_notification_filters_clear(client, account));
    CHECK_OK(bunq_notification_filters_list(client, account, &filters));
    CHECK(filters != NULL && strcmp(filters, "[]") == 0);
    bunq_string_free(filters);
    bunq_client_free(client);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <fake bunq base URL> <callback samples directory>\n", argv[0]);
        return EXIT_FAILURE;
    }
    base_url = argv[1];
    every_sample_parses(argv[2]);
    bad_bodies_are_refused();
    the_sender_is_checked();
    the_whole_loop();
    return finish("callbacks");
}
