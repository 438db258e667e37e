/*
 * The whole flow through the C API against the fake bunq server: a sandbox user, a new
 * context, saving and restoring it (string and file), the user, every page of the accounts,
 * sandbox money, a payment, the session calls, keys, attachments, OAuth, PSD2, and one
 * client shared by several threads.
 *
 * Usage: flow <fake bunq base URL> <scratch directory> <tests/c/data directory>
 */
#include <pthread.h>

#include "check.h"

#define THREADS 4

static const char *base_url;

/* GET `path`; the body as text (caller frees with bunq_string_free), or NULL. */
static char *get_text(const bunq_client *client, const char *path) {
    bunq_response *response = NULL;
    char *text = NULL;
    CHECK_OK(bunq_client_request(client, "GET", path, NULL, NULL, 0, NULL, &response));
    if (response != NULL) {
        CHECK_OK(bunq_response_body_text(response, &text));
    }
    bunq_response_free(response);
    return text;
}

static void the_library_says_what_it_is(void) {
    CHECK(strlen(bunq_version()) > 0);
    CHECK(bunq_abi_version() == BUNQ_ABI_VERSION);
}

static char *a_sandbox_user_api_key(void) {
    char options[512];
    char *api_key = NULL;
    json_with_base_url(options, sizeof options, base_url, "\"timeout_ms\": 30000");
    CHECK_OK(bunq_sandbox_user_create(options, "person", &api_key));
    CHECK(api_key != NULL && strlen(api_key) > 0);
    return api_key;
}

static bunq_client *a_new_context(const char *api_key) {
    char config[1024];
    bunq_client *client = NULL;
    snprintf(config, sizeof config,
             "{\"base_url\": \"%s\", \"api_key\": \"%s\", \"description\": \"C flow test\", "
             "\"permitted_ips\": [\"*\"], \"rate_limits\": false, \"timeout_ms\": 30000, "
             "\"user_agent\": \"bunq-context C tests\", \"proxy\": \"none\"}",
             base_url, api_key);
    CHECK_OK(bunq_client_create(config, &client));
    return client;
}

/* Saves `client` to a string and a file, restores both, and gives them back. */
static void saved_and_restored(const bunq_client *client, const char *scratch,
                               bunq_client **from_string, bunq_client **from_file) {
    char path[512];
    char *json = NULL;
    char *again = NULL;
    snprintf(path, sizeof path, "%s/bunq.conf", scratch);
    CHECK_OK(bunq_client_to_json(client, &json));
    CHECK(json != NULL && strstr(json, "\"installation_context\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"session_context\"") != NULL);
    CHECK_OK(bunq_client_save(client, path));
    CHECK_OK(bunq_client_from_json(json, "{\"rate_limits\": false}", from_string));
    CHECK_OK(bunq_client_restore(path, "{\"rate_limits\": {\"get\": 50, \"window_ms\": 1000}}",
                                 from_file));
    if (*from_file != NULL) {
        CHECK_OK(bunq_client_to_json(*from_file, &again));
        CHECK(json != NULL && again != NULL && strcmp(json, again) == 0);
    }
    bunq_string_free(again);
    bunq_string_free(json);
}

static uint64_t the_user(const bunq_client *client) {
    uint64_t user_id = 0;
    char path[64];
    char *user = NULL;
    char *listed;
    bunq_response *response = NULL;
    char *response_id = NULL;
    char *header = NULL;
    char *missing = (char *)"sentinel";
    uint8_t *body = NULL;
    size_t body_length = 0;
    uint16_t status = 0;

    CHECK_OK(bunq_client_user_id(client, &user_id));
    CHECK(user_id > 0);
    CHECK_OK(bunq_client_user(client, &user));
    CHECK(user != NULL && strstr(user, "{\"UserPerson\":") == user);
    bunq_string_free(user);

    snprintf(path, sizeof path, "user/%llu", (unsigned long long)user_id);
    CHECK_OK(bunq_client_request(client, "GET", path, NULL, NULL, 0, NULL, &response));
    CHECK_OK(bunq_response_status(response, &status));
    CHECK(status == 200);
    CHECK_OK(bunq_response_response_id(response, &response_id));
    CHECK(response_id != NULL && strlen(response_id) > 0);
    CHECK_OK(bunq_response_header(response, "x-bunq-client-response-id", &header));
    CHECK(header != NULL && response_id != NULL && strcmp(header, response_id) == 0);
    CHECK_OK(bunq_response_header(response, "X-Not-There", &missing));
    CHECK(missing == NULL);
    CHECK_OK(bunq_response_body(response, &body, &body_length));
    CHECK(body != NULL && body_length > 2 && body[0] == '{');
    bunq_bytes_free(body);
    bunq_string_free(header);
    bunq_string_free(response_id);
    bunq_response_free(response);

    listed = get_text(client, "user");
    CHECK(listed != NULL && number_after(listed, "\"UserPerson\"", "id") == user_id);
    bunq_string_free(listed);
    return user_id;
}

/* Walks every page of the accounts; gives the first account's id. */
static uint64_t every_account(const bunq_client *client, uint64_t user_id) {
    char path[64];
    bunq_pages *pages = NULL;
    bunq_response *page = NULL;
    char *text;
    char *future_url = NULL;
    int page_count = 0;
    int account_count = 0;
    int savings_count = 0;
    int joint_count = 0;
    uint64_t first_account = 0;

    snprintf(path, sizeof path, "user/%llu/monetary-account", (unsigned long long)user_id);
    CHECK_OK(bunq_pages_new(client, path, "{\"count\": 10}", &pages));
    do {
        page = NULL;
        CHECK_OK(bunq_pages_next(pages, &page));
        if (page == NULL) {
            break;
        }
        text = NULL;
        CHECK_OK(bunq_response_body_text(page, &text));
        if (text != NULL) {
            page_count++;
            account_count += occurrences(text, "\"MonetaryAccountBank\":");
            savings_count += occurrences(text, "\"MonetaryAccountSavings\":");
            joint_count += occurrences(text, "\"MonetaryAccountJoint\":");
            if (first_account == 0) {
                first_account = number_after(text, "\"MonetaryAccountBank\":", "id");
            }
        }
        bunq_string_free(text);
        bunq_response_free(page);
    } while (page_count < 100);
    CHECK(page_count == 3);
    /* Every kind, each in its own key: 25 bank accounts, a savings and a joint account. */
    CHECK(account_count == 25);
    CHECK(savings_count == 1);
    CHECK(joint_count == 1);
    CHECK(first_account > 0);
    CHECK_OK(bunq_pages_future_url(pages, &future_url));
    CHECK(future_url != NULL && strstr(future_url, "newer_id") != NULL);
    bunq_string_free(future_url);
    bunq_pages_free(pages);
    return first_account;
}

static void money_in_and_a_payment_out(const bunq_client *client, uint64_t user_id,
                                       uint64_t account_id) {
    const char *payment =
        "{\"amount\": {\"value\": \"0.01\", \"currency\": \"EUR\"}, "
        "\"counterparty_alias\": {\"type\": \"EMAIL\", \"value\": \"sugardaddy@bunq.com\", "
        "\"name\": \"Sugar Daddy\"}, \"description\": \"C flow test\"}";
    char path[128];
    uint64_t inquiry_id = 0;
    uint64_t payment_id = 0;
    bunq_response *response = NULL;

    CHECK_OK(bunq_sandbox_money_request(client, account_id, "100.00", "C flow test", &inquiry_id));
    CHECK(inquiry_id > 0);
    snprintf(path, sizeof path, "user/%llu/monetary-account/%llu/payment",
             (unsigned long long)user_id, (unsigned long long)account_id);
    CHECK_OK(bunq_client_request(client, "POST", path, NULL, (const uint8_t *)payment,
                                 strlen(payment), "{\"Content-Type\": \"application/json\"}",
                                 &response));
    CHECK_OK(bunq_response_created_id(response, &payment_id));
    CHECK(payment_id > 0);
    bunq_response_free(response);
}

static void the_session_can_be_steered(const bunq_client *client) {
    bool active = false;
    bool opened = true;
    bunq_response *response = NULL;
    char *text;

    CHECK_OK(bunq_session_is_active(client, &active));
    CHECK(active);
    CHECK_OK(bunq_session_ensure(client, &opened));
    CHECK(!opened);
    CHECK_OK(bunq_session_reset(client));
    /* The server forgets the session: the next call renews it on its own. */
    CHECK_OK(bunq_client_request(client, "POST", "_fake/expire-session", NULL, NULL, 0, NULL,
                                 &response));
    bunq_response_free(response);
    text = get_text(client, "user");
    CHECK(text != NULL);
    bunq_string_free(text);
    CHECK_OK(bunq_session_close(client));
    CHECK_OK(bunq_session_is_active(client, &active));
    CHECK(!active);
    CHECK_OK(bunq_session_ensure(client, &opened));
    CHECK(opened);
}

static void keys_sign_and_verify(void) {
    const uint8_t message[] = "{\"amount\": \"1.00\"}";
    char *private_pem = NULL;
    char *public_pem = NULL;
    char *derived = NULL;
    char *signature = NULL;

    CHECK_OK(bunq_key_pair_generate(&private_pem, &public_pem));
    CHECK(private_pem != NULL && strstr(private_pem, "-----BEGIN PRIVATE KEY-----") == private_pem);
    CHECK(public_pem != NULL && strstr(public_pem, "-----BEGIN PUBLIC KEY-----") == public_pem);
    CHECK_OK(bunq_key_pair_public_key(private_pem, &derived));
    CHECK(derived != NULL && public_pem != NULL && strcmp(derived, public_pem) == 0);
    CHECK_OK(bunq_key_pair_sign(private_pem, message, sizeof message - 1, &signature));
    CHECK_OK(bunq_public_key_verify(public_pem, message, sizeof message - 1, signature));
    /* Empty data may come as NULL. */
    bunq_string_free(signature);
    signature = NULL;
    CHECK_OK(bunq_key_pair_sign(private_pem, NULL, 0, &signature));
    CHECK_OK(bunq_public_key_verify(public_pem, NULL, 0, signature));
    bunq_string_free(signature);
    signature = NULL;
    /* A key parsed once signs exactly as its PEM does (PKCS#1 v1.5 is deterministic). */
    {
        bunq_signing_key *key = NULL;
        char *again = NULL;
        CHECK_OK(bunq_signing_key_new(private_pem, &key));
        CHECK(key != NULL);
        CHECK_OK(bunq_key_pair_sign(private_pem, message, sizeof message - 1, &signature));
        CHECK_OK(bunq_signing_key_sign(key, message, sizeof message - 1, &again));
        CHECK(signature != NULL && again != NULL && strcmp(signature, again) == 0);
        bunq_string_free(again);
        again = NULL;
        CHECK_OK(bunq_signing_key_sign(key, NULL, 0, &again));
        CHECK_OK(bunq_public_key_verify(public_pem, NULL, 0, again));
        bunq_string_free(again);
        bunq_signing_key_free(key);
        bunq_signing_key_free(NULL);
    }
    bunq_string_free(signature);
    bunq_string_free(derived);
    bunq_string_free(public_pem);
    bunq_string_free(private_pem);
}

static void attachments_go_up_and_come_back(const bunq_client *client, uint64_t account_id) {
    /* Binary, with a NUL inside: the bytes must come back exactly. */
    const uint8_t png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0x00, 0xff, 0x10};
    char *uuid = NULL;
    uint8_t *content = NULL;
    size_t length = 0;
    uint64_t attachment_id = 0;

    CHECK_OK(bunq_public_attachment_upload(client, "image/png", "C test avatar", png,
                                           sizeof png, &uuid));
    CHECK(uuid != NULL);
    CHECK_OK(bunq_public_attachment_download(client, uuid, &content, &length));
    CHECK(length == sizeof png && content != NULL && memcmp(content, png, length) == 0);
    bunq_bytes_free(content);
    bunq_string_free(uuid);

    content = NULL;
    CHECK_OK(bunq_account_attachment_upload(client, account_id, "image/png", "C test receipt",
                                            png, sizeof png, &attachment_id));
    CHECK(attachment_id > 0);
    CHECK_OK(bunq_account_attachment_download(client, account_id, attachment_id, &content,
                                              &length));
    CHECK(length == sizeof png && content != NULL && memcmp(content, png, length) == 0);
    bunq_bytes_free(content);
}

static void oauth_gives_an_access_token_that_works_as_an_api_key(uint64_t user_id) {
    char oauth[1024];
    char code[64];
    char config[1024];
    char *url = NULL;
    char *token = NULL;
    char *user = NULL;
    bunq_client *client = NULL;

    snprintf(oauth, sizeof oauth,
             "{\"environment\": \"SANDBOX\", \"client_id\": \"fake-client-id\", "
             "\"client_secret\": \"fake-client-secret\", "
             "\"redirect_uri\": \"https://example.com/callback?from=c\", "
             "\"token_url\": \"%stoken\"}",
             base_url);
    CHECK_OK(bunq_oauth_authorization_url(oauth, "state 1", &url));
    CHECK(url != NULL &&
          strcmp(url, "https://oauth.sandbox.bunq.com/auth?response_type=code&client_id="
                      "fake-client-id&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3F"
                      "from%3Dc&state=state%201") == 0);
    /* The fake accepts each fake-code-* once: make this run's own. */
    snprintf(code, sizeof code, "fake-code-c-%llu", (unsigned long long)user_id);
    CHECK_OK(bunq_oauth_code_exchange(oauth, code, &token));
    CHECK_STATUS(bunq_oauth_code_exchange(oauth, code, &token), BUNQ_ERROR_API);
    CHECK(bunq_last_error_http_status() == 400);
    if (token != NULL) {
        snprintf(config, sizeof config,
                 "{\"base_url\": \"%s\", \"api_key\": \"%s\", \"permitted_ips\": [\"*\"]}",
                 base_url, token);
        CHECK_OK(bunq_client_create(config, &client));
        CHECK_OK(bunq_client_user(client, &user));
        CHECK(user != NULL && strstr(user, "{\"UserApiKey\":") == user);
    }
    bunq_string_free(user);
    bunq_client_free(client);
    bunq_string_free(token);
    bunq_string_free(url);
}

static void a_psd2_provider_gets_a_session(const char *data_directory) {
    char path[512];
    char config[512];
    char *certificate;
    char *key;
    char *user = NULL;
    bunq_client *client = NULL;

    snprintf(path, sizeof path, "%s/psd2-test-certificate.pem", data_directory);
    certificate = read_file(path, NULL);
    snprintf(path, sizeof path, "%s/psd2-test-key.pem", data_directory);
    key = read_file(path, NULL);
    CHECK(certificate != NULL && key != NULL);
    json_with_base_url(config, sizeof config, base_url,
                       "\"description\": \"C test provider\", \"permitted_ips\": [\"*\"]");
    if (certificate != NULL && key != NULL) {
        CHECK_OK(bunq_psd2_client_create(config, certificate, certificate, key, &client));
        CHECK_OK(bunq_client_user(client, &user));
        CHECK(user != NULL && strstr(user, "{\"UserPaymentServiceProvider\":") == user);
    }
    bunq_string_free(user);
    bunq_client_free(client);
    free(key);
    free(certificate);
}

/* Prints why a thread's call failed (the harness counts in the main thread only). */
static void *thread_failed(const char *what, bunq_status status) {
    char *message = bunq_last_error_message();
    fprintf(stderr, "FAILED in a thread: %s gave %s: %s\n", what, bunq_status_name((int)status),
            message != NULL ? message : "(no message)");
    bunq_string_free(message);
    return NULL;
}

/* Each thread reads the user through the shared client, then fails on purpose: its last
 * error is its own. */
static void *one_thread(void *argument) {
    const bunq_client *client = argument;
    uint64_t user_id = 0;
    bunq_response *response = NULL;
    bunq_status status = bunq_client_user_id(client, &user_id);
    if (status != BUNQ_OK || user_id == 0) {
        return thread_failed("bunq_client_user_id", status);
    }
    status = bunq_client_request(client, "GET", "user/999999", NULL, NULL, 0, NULL, &response);
    if (status != BUNQ_ERROR_API || response != NULL || bunq_last_error_http_status() != 404) {
        bunq_response_free(response);
        return thread_failed("GET user/999999", status);
    }
    return argument;
}

static void one_client_serves_several_threads(const bunq_client *client) {
    pthread_t threads[THREADS];
    void *result = NULL;
    int i;
    uint64_t user_id = 0;
    CHECK_OK(bunq_client_user_id(client, &user_id));
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&threads[i], NULL, one_thread, (void *)client) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], &result) == 0);
        CHECK(result == client);
    }
    /* The other threads' failures did not touch this thread's last error. */
    CHECK(bunq_last_error_status() == BUNQ_OK);
}

int main(int argc, char **argv) {
    char *api_key;
    bunq_client *client;
    bunq_client *from_string = NULL;
    bunq_client *from_file = NULL;
    uint64_t user_id;
    uint64_t account_id;

    if (argc != 4) {
        fprintf(stderr, "usage: %s <fake bunq base URL> <scratch dir> <data dir>\n", argv[0]);
        return EXIT_FAILURE;
    }
    base_url = argv[1];
    the_library_says_what_it_is();
    api_key = a_sandbox_user_api_key();
    client = api_key != NULL ? a_new_context(api_key) : NULL;
    bunq_string_free(api_key);
    if (client == NULL) {
        return finish("flow");
    }
    saved_and_restored(client, argv[2], &from_string, &from_file);
    if (from_string == NULL || from_file == NULL) {
        bunq_client_free(client);
        return finish("flow");
    }
    user_id = the_user(from_string);
    account_id = every_account(from_file, user_id);
    money_in_and_a_payment_out(from_file, user_id, account_id);
    the_session_can_be_steered(from_string);
    keys_sign_and_verify();
    attachments_go_up_and_come_back(client, account_id);
    oauth_gives_an_access_token_that_works_as_an_api_key(user_id);
    a_psd2_provider_gets_a_session(argv[3]);
    one_client_serves_several_threads(client);
    bunq_client_free(from_file);
    bunq_client_free(from_string);
    bunq_client_free(client);
    return finish("flow");
}
