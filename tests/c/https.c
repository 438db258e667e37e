/*
 * HTTPS through the C API against the fake bunq server in its TLS mode: a sandbox user and a
 * context trusting the fake's CA (from its file), every page of the accounts, sandbox money
 * and a payment, 100
 * calls on one TLS connection (read back with bunq_client_transport_stats), a client pinned
 * to the server's key; and the refusals: no trust, a wrong pin, a bad "tls" setting.
 *
 * Usage: https <fake bunq HTTPS base URL> <the fake's CA certificate file>
 */
#include "check.h"

static const char *base_url;
static const char *ca_file;

/* {"base_url": ..., "proxy": "none", "rate_limits": false, "tls": <tls>, <rest>}. */
static void config_json(char *buffer, size_t size, const char *tls, const char *rest) {
    int written = snprintf(buffer, size,
                           "{\"base_url\": \"%s\", \"proxy\": \"none\", \"rate_limits\": false, "
                           "\"tls\": %s%s%s}",
                           base_url, tls, *rest ? ", " : "", rest);
    if (written < 0 || (size_t)written >= size) {
        fprintf(stderr, "JSON buffer too small\n");
        exit(EXIT_FAILURE);
    }
}

static bunq_client *a_context_trusting_the_fakes_ca(void) {
    char tls[512];
    char config[2048];
    char rest[512];
    char *api_key = NULL;
    bunq_client *client = NULL;
    snprintf(tls, sizeof tls, "{\"ca_file\": \"%s\"}", ca_file);
    config_json(config, sizeof config, tls, "");
    CHECK_OK(bunq_sandbox_user_create(config, "person", &api_key));
    if (api_key == NULL) {
        return NULL;
    }
    snprintf(rest, sizeof rest, "\"api_key\": \"%s\", \"permitted_ips\": [\"*\"]", api_key);
    bunq_string_free(api_key);
    config_json(config, sizeof config, tls, rest);
    CHECK_OK(bunq_client_create(config, &client));
    return client;
}

static uint64_t every_page_and_a_payment(const bunq_client *client) {
    char path[128];
    bunq_pages *pages = NULL;
    bunq_response *page = NULL;
    bunq_response *payment = NULL;
    char *text = NULL;
    uint64_t user_id = 0;
    uint64_t account_id = 0;
    uint64_t payment_id = 0;
    uint64_t inquiry_id = 0;
    int count = 0;
    const char *body = "{\"amount\": {\"value\": \"0.01\", \"currency\": \"EUR\"}, "
                       "\"counterparty_alias\": {\"type\": \"EMAIL\", \"value\": "
                       "\"sugardaddy@bunq.com\", \"name\": \"Sugar Daddy\"}, "
                       "\"description\": \"C over HTTPS\"}";

    CHECK_OK(bunq_client_user_id(client, &user_id));
    snprintf(path, sizeof path, "user/%llu/monetary-account", (unsigned long long)user_id);
    CHECK_OK(bunq_pages_new(client, path, "{\"count\": 10}", &pages));
    do {
        page = NULL;
        CHECK_OK(bunq_pages_next(pages, &page));
        if (page != NULL) {
            count++;
            if (account_id == 0) {
                CHECK_OK(bunq_response_body_text(page, &text));
                account_id = text != NULL ? number_after(text, "\"MonetaryAccountBank\"", "id") : 0;
                bunq_string_free(text);
            }
            bunq_response_free(page);
        }
    } while (page != NULL);
    bunq_pages_free(pages);
    CHECK(count == 3);
    CHECK(account_id > 0);

    CHECK_OK(bunq_sandbox_money_request(client, account_id, "10.00", "C over HTTPS", &inquiry_id));
    CHECK(inquiry_id > 0);
    snprintf(path, sizeof path, "user/%llu/monetary-account/%llu/payment",
             (unsigned long long)user_id, (unsigned long long)account_id);
    CHECK_OK(bunq_client_request(client, "POST", path, NULL, (const uint8_t *)body, strlen(body),
                                 NULL, &payment));
    CHECK_OK(bunq_response_created_id(payment, &payment_id));
    CHECK(payment_id > 0);
    bunq_response_free(payment);
    return user_id;
}

/* The stats after the calls so far: `*pin` (caller frees) gets the server key's pin. */
static void a_hundred_calls_share_one_tls_connection(const bunq_client *client, char **pin) {
    bunq_response *response = NULL;
    char *stats = NULL;
    const char *at;
    const char *end;
    int call;
    unsigned long long requests_before = 0;

    CHECK_OK(bunq_client_transport_stats(client, &stats));
    requests_before = stats != NULL ? number_after(stats, "", "requests_sent") : 0;
    CHECK(stats != NULL && strstr(stats, "\"last_tls\":null") != NULL);
    bunq_string_free(stats);
    for (call = 0; call < 100; call++) {
        response = NULL;
        CHECK_OK(bunq_client_request(client, "GET", "user", NULL, NULL, 0, NULL, &response));
        bunq_response_free(response);
    }
    stats = NULL;
    CHECK_OK(bunq_client_transport_stats(client, &stats));
    if (stats == NULL) {
        return;
    }
    CHECK(number_after(stats, "", "requests_sent") == requests_before + 100);
    CHECK(number_after(stats, "", "connections_opened") == 1);
    CHECK(number_after(stats, "", "tls_handshakes") == 1);
    CHECK(strstr(stats, "\"version\":\"TLSv1_") != NULL);
    CHECK(strstr(stats, "\"cipher_suite\":\"TLS") != NULL);
    at = strstr(stats, "\"server_key_pin_sha256\":\"");
    CHECK(at != NULL);
    if (at != NULL) {
        at += strlen("\"server_key_pin_sha256\":\"");
        end = strchr(at, '"');
        if (end != NULL && end - at == 44) {
            *pin = malloc(45);
            if (*pin != NULL) {
                memcpy(*pin, at, 44);
                (*pin)[44] = '\0';
            }
        }
    }
    CHECK(*pin != NULL);
    bunq_string_free(stats);
}

static void a_pinned_client_accepts_the_servers_key(const char *pin) {
    char tls[1024];
    char config[2048];
    char *api_key = NULL;
    snprintf(tls, sizeof tls,
             "{\"roots\": \"only-added\", \"ca_file\": \"%s\", \"pin_sha256\": [\"%s\"]}", ca_file,
             pin);
    config_json(config, sizeof config, tls, "");
    CHECK_OK(bunq_sandbox_user_create(config, "person", &api_key));
    CHECK(api_key != NULL);
    bunq_string_free(api_key);
}

static void untrusted_and_mispinned_servers_are_refused(void) {
    char tls[1024];
    char config[2048];
    char *api_key = NULL;

    /* The bundled Mozilla roots do not know the fake's CA. */
    config_json(config, sizeof config, "{}", "");
    CHECK_STATUS(bunq_sandbox_user_create(config, "person", &api_key), BUNQ_ERROR_TRANSPORT);
    CHECK(last_error_mentions("certificate not trusted"));
    CHECK(last_error_mentions("127.0.0.1"));
    CHECK(api_key == NULL);

    snprintf(tls, sizeof tls,
             "{\"ca_file\": \"%s\", \"pin_sha256\": "
             "[\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"]}",
             ca_file);
    config_json(config, sizeof config, tls, "");
    CHECK_STATUS(bunq_sandbox_user_create(config, "person", &api_key), BUNQ_ERROR_TRANSPORT);
    CHECK(last_error_mentions("pinned key mismatch"));
    CHECK(api_key == NULL);

    config_json(config, sizeof config, "{\"roots\": \"mozilla\"}", "");
    CHECK_STATUS(bunq_sandbox_user_create(config, "person", &api_key), BUNQ_ERROR_INVALID_INPUT);
    CHECK(last_error_mentions("only-added"));
    config_json(config, sizeof config, "{\"pin_sha256\": [\"short\"]}", "");
    CHECK_STATUS(bunq_sandbox_user_create(config, "person", &api_key), BUNQ_ERROR_INVALID_INPUT);
    CHECK(last_error_mentions("pin-sha256"));
    CHECK(api_key == NULL);
}

int main(int argc, char **argv) {
    bunq_client *client;
    char *pin = NULL;

    if (argc != 3) {
        fprintf(stderr, "usage: %s <fake bunq HTTPS base URL> <CA certificate file>\n", argv[0]);
        return EXIT_FAILURE;
    }
    base_url = argv[1];
    ca_file = argv[2];
    CHECK(strncmp(base_url, "https://", 8) == 0);
    client = a_context_trusting_the_fakes_ca();
    if (client != NULL) {
        every_page_and_a_payment(client);
        bunq_client_free(client);
    }
    /* A client of its own, so that its counts are those of the 100 calls. */
    client = a_context_trusting_the_fakes_ca();
    if (client != NULL) {
        a_hundred_calls_share_one_tls_connection(client, &pin);
        bunq_client_free(client);
    }
    if (pin != NULL) {
        a_pinned_client_accepts_the_servers_key(pin);
        free(pin);
    }
    untrusted_and_mispinned_servers_are_refused();
    return finish("https");
}
