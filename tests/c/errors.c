/*
 * Every error path of the C API: NULL arguments, invalid UTF-8, bad PEMs, bad JSON, a server
 * error with its response id, a tampered server signature, what the last error holds and
 * which functions leave it alone, and a failed auto-save reported beside a successful call.
 *
 * Usage: errors <fake bunq base URL> <scratch directory>
 */
#include "check.h"

/* Sentinels: an out-parameter still holding one was not written. */
static char sentinel_text[] = "untouched";
#define UNTOUCHED_STRING (sentinel_text)
#define UNTOUCHED_NUMBER 4242u

static bunq_client *client_for(const char *url) {
    char options[512];
    char config[1024];
    char *api_key = NULL;
    bunq_client *client = NULL;
    json_with_base_url(options, sizeof options, url, "");
    CHECK_OK(bunq_sandbox_user_create(options, NULL, &api_key));
    if (api_key == NULL) {
        return NULL;
    }
    snprintf(config, sizeof config,
             "{\"base_url\": \"%s\", \"api_key\": \"%s\", \"permitted_ips\": [\"*\"], "
             "\"rate_limits\": false}",
             url, api_key);
    bunq_string_free(api_key);
    CHECK_OK(bunq_client_create(config, &client));
    return client;
}

static void null_arguments_are_refused_and_named(const bunq_client *client) {
    bunq_client *new_client = (bunq_client *)UNTOUCHED_STRING;
    bunq_response *response = (bunq_response *)UNTOUCHED_STRING;
    bunq_pages *pages = NULL;
    char *text = UNTOUCHED_STRING;
    char *other = UNTOUCHED_STRING;
    uint16_t status = UNTOUCHED_NUMBER;
    uint64_t id = UNTOUCHED_NUMBER;
    bool flag = false;

    CHECK_STATUS(bunq_client_create(NULL, &new_client), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(last_error_mentions("config_json"));
    CHECK(new_client == (bunq_client *)UNTOUCHED_STRING);
    CHECK_STATUS(bunq_client_create("{}", NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(last_error_mentions("out_client"));
    CHECK_STATUS(bunq_client_restore(NULL, NULL, &new_client), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_client_from_json(NULL, NULL, &new_client), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_client_to_json(NULL, &text), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_client_to_json(client, NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_client_save(client, NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_client_user_id(client, NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_client_user(NULL, &text), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(text == UNTOUCHED_STRING);

    CHECK_STATUS(bunq_client_request(NULL, "GET", "user", NULL, NULL, 0, NULL, &response),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(last_error_mentions("client"));
    CHECK_STATUS(bunq_client_request(client, NULL, "user", NULL, NULL, 0, NULL, &response),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(last_error_mentions("method"));
    CHECK_STATUS(bunq_client_request(client, "GET", NULL, NULL, NULL, 0, NULL, &response),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_client_request(client, "POST", "user", NULL, NULL, 5, NULL, &response),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(last_error_mentions("body"));
    CHECK_STATUS(bunq_client_request(client, "GET", "user", NULL, NULL, 0, NULL, NULL),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(response == (bunq_response *)UNTOUCHED_STRING);

    CHECK_STATUS(bunq_response_status(NULL, &status), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(status == UNTOUCHED_NUMBER);
    CHECK_STATUS(bunq_response_created_id(NULL, &id), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(id == UNTOUCHED_NUMBER);
    CHECK_STATUS(bunq_pages_new(client, "user", NULL, NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_pages_next(NULL, &response), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_pages_future_url(NULL, &text), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(pages == NULL);

    CHECK_STATUS(bunq_session_ensure(NULL, &flag), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_session_ensure(client, NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_session_reset(NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_session_close(NULL), BUNQ_ERROR_NULL_ARGUMENT);

    CHECK_STATUS(bunq_key_pair_generate(NULL, &other), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(other == UNTOUCHED_STRING);
    CHECK_STATUS(bunq_key_pair_sign(NULL, (const uint8_t *)"x", 1, &text),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_public_key_verify("pem", (const uint8_t *)"x", 1, NULL),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(last_error_mentions("signature"));
    CHECK_STATUS(bunq_sandbox_user_create(NULL, NULL, NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_sandbox_money_request(client, 1, NULL, "d", &id), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_oauth_authorization_url(NULL, "state", &text), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_oauth_code_exchange("{}", NULL, &text), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_psd2_client_create("{}", NULL, "c", "k", &new_client),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_public_attachment_upload(client, "image/png", "d", NULL, 3, &text),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_STATUS(bunq_public_attachment_download(client, "uuid", NULL, NULL),
                 BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(text == UNTOUCHED_STRING);
    CHECK(new_client == (bunq_client *)UNTOUCHED_STRING);

    /* The last error says what failed, until the next call. */
    CHECK(bunq_last_error_status() == BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(bunq_last_error_http_status() == 0);
    CHECK(bunq_last_error_response_id() == NULL);
    CHECK(bunq_last_error_description_count() == 0);

    /* Every release function takes NULL. */
    bunq_client_free(NULL);
    bunq_response_free(NULL);
    bunq_pages_free(NULL);
    bunq_string_free(NULL);
    bunq_bytes_free(NULL);
}

static void invalid_utf8_is_refused_never_replaced(const bunq_client *client) {
    bunq_client *new_client = NULL;
    bunq_response *response = NULL;
    char *text = NULL;

    CHECK_STATUS(bunq_client_create("{\"api_key\": \"\xff\xfe\"}", &new_client),
                 BUNQ_ERROR_INVALID_UTF8);
    CHECK(last_error_mentions("config_json"));
    CHECK_STATUS(bunq_client_request(client, "GET", "user/\xc3\x28", NULL, NULL, 0, NULL,
                                     &response),
                 BUNQ_ERROR_INVALID_UTF8);
    CHECK(last_error_mentions("path"));
    CHECK_STATUS(bunq_key_pair_sign("\x80pem", (const uint8_t *)"x", 1, &text),
                 BUNQ_ERROR_INVALID_UTF8);
    CHECK_STATUS(bunq_client_restore("bunq\xe2\x82.conf", NULL, &new_client),
                 BUNQ_ERROR_INVALID_UTF8);
    CHECK(new_client == NULL && response == NULL && text == NULL);
}

static void bad_pems_and_signatures_are_refused(void) {
    const char *bad_public = "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n";
    const uint8_t data[] = {'b', 'u', 'n', 'q'};
    char *private_pem = NULL;
    char *public_pem = NULL;
    char *signature = NULL;
    char *text = NULL;
    bunq_client *new_client = NULL;

    CHECK_STATUS(bunq_key_pair_sign("not a pem", data, sizeof data, &signature),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_key_pair_sign("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                                    data, sizeof data, &signature),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_key_pair_public_key("garbage", &text), BUNQ_ERROR_INVALID_INPUT);
    {
        bunq_signing_key *key = NULL;
        CHECK_STATUS(bunq_signing_key_new("not a pem", &key), BUNQ_ERROR_INVALID_INPUT);
        CHECK(key == NULL);
        CHECK_STATUS(bunq_signing_key_new(NULL, &key), BUNQ_ERROR_NULL_ARGUMENT);
        CHECK_STATUS(bunq_signing_key_sign(NULL, data, sizeof data, &signature),
                     BUNQ_ERROR_NULL_ARGUMENT);
    }
    CHECK_STATUS(bunq_public_key_verify(bad_public, data, sizeof data, "AAAA"),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_client_create("{\"base_url\": \"http://127.0.0.1:1/v1/\", \"api_key\": "
                                    "\"k\", \"private_key_pem\": \"not a pem\"}",
                                    &new_client),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK(signature == NULL && text == NULL && new_client == NULL);

    /* A good key, a wrong signature. */
    CHECK_OK(bunq_key_pair_generate(&private_pem, &public_pem));
    CHECK_OK(bunq_key_pair_sign(private_pem, data, sizeof data, &signature));
    CHECK_STATUS(bunq_public_key_verify(public_pem, data, sizeof data - 1, signature),
                 BUNQ_ERROR_SIGNATURE);
    CHECK_STATUS(bunq_public_key_verify(public_pem, data, sizeof data, "not base64!"),
                 BUNQ_ERROR_SIGNATURE);
    bunq_string_free(signature);
    bunq_string_free(public_pem);
    bunq_string_free(private_pem);
}

static void bad_json_is_refused(const char *url, const bunq_client *client) {
    char config[512];
    bunq_client *new_client = NULL;
    bunq_response *response = NULL;

    CHECK_STATUS(bunq_client_create("{", &new_client), BUNQ_ERROR_JSON);
    CHECK_STATUS(bunq_client_create("[1, 2]", &new_client), BUNQ_ERROR_JSON);
    json_with_base_url(config, sizeof config, url, "\"api_key\": \"k\", \"timeout\": 5");
    CHECK_STATUS(bunq_client_create(config, &new_client), BUNQ_ERROR_JSON);
    CHECK(last_error_mentions("timeout"));
    /* A misspelt setting gets the closest valid name; a wrong type, the setting and its type. */
    json_with_base_url(config, sizeof config, url, "\"api_key\": \"k\", \"timeout_msec\": 5");
    CHECK_STATUS(bunq_client_create(config, &new_client), BUNQ_ERROR_JSON);
    CHECK(last_error_mentions("unknown setting \"timeout_msec\"; did you mean \"timeout_ms\"?"));
    json_with_base_url(config, sizeof config, url, "\"api_key\": \"k\", \"timeout_ms\": \"30000\"");
    CHECK_STATUS(bunq_client_create(config, &new_client), BUNQ_ERROR_JSON);
    CHECK(last_error_mentions(
        "the setting \"timeout_ms\" must be a whole number of milliseconds, not a string"));
    json_with_base_url(config, sizeof config, url, "\"api_key\": \"k\", \"timeout_ms\": \"soon\"");
    CHECK_STATUS(bunq_client_create(config, &new_client), BUNQ_ERROR_JSON);
    CHECK(!last_error_mentions("soon")); /* values are never echoed: they may be secrets */
    CHECK_STATUS(bunq_client_from_json("{", NULL, &new_client), BUNQ_ERROR_JSON);
    CHECK_STATUS(bunq_client_from_json("{\"environment_type\": \"SANDBOX\"}", NULL, &new_client),
                 BUNQ_ERROR_JSON);
    CHECK(last_error_mentions("api_key"));
    CHECK_STATUS(bunq_client_from_json("{}", "{\"save_to\": 3}", &new_client), BUNQ_ERROR_JSON);
    CHECK_STATUS(bunq_client_request(client, "GET", "user", "[1]", NULL, 0, NULL, &response),
                 BUNQ_ERROR_JSON);
    CHECK_STATUS(bunq_client_request(client, "GET", "user", NULL, NULL, 0, "{\"a\": {}}",
                                     &response),
                 BUNQ_ERROR_JSON);
    CHECK(new_client == NULL && response == NULL);
}

static void a_server_error_carries_its_status_descriptions_and_response_id(
    const bunq_client *client) {
    bunq_response *response = NULL;
    char *response_id;
    char *description;
    char *message;

    CHECK_STATUS(bunq_client_request(client, "GET", "user/999999", NULL, NULL, 0, NULL,
                                     &response),
                 BUNQ_ERROR_API);
    CHECK(response == NULL);
    CHECK(bunq_last_error_status() == BUNQ_ERROR_API);
    CHECK(bunq_last_error_http_status() == 404);
    CHECK(bunq_last_error_description_count() >= 1);
    description = bunq_last_error_description(0);
    CHECK(description != NULL && strlen(description) > 0);
    CHECK(bunq_last_error_description(bunq_last_error_description_count()) == NULL);
    response_id = bunq_last_error_response_id();
    CHECK(response_id != NULL && strlen(response_id) > 0);
    message = bunq_last_error_message();
    CHECK(message != NULL && response_id != NULL && strstr(message, response_id) != NULL);
    CHECK(message != NULL && strstr(message, "404") != NULL);
    /* The accessors leave the last error alone: reading it twice gives it twice. */
    CHECK(bunq_last_error_http_status() == 404);
    bunq_string_free(message);
    bunq_string_free(response_id);
    bunq_string_free(description);
}

static void a_tampered_signature_is_refused(const bunq_client *client) {
    bunq_response *response = NULL;
    CHECK_STATUS(bunq_client_request(client, "GET", "_fake/tampered", NULL, NULL, 0, NULL,
                                     &response),
                 BUNQ_ERROR_SIGNATURE);
    CHECK(response == NULL);
    CHECK(bunq_last_error_http_status() == 0);
}

static void other_failures_have_their_own_status(const char *scratch, const bunq_client *client) {
    char path[512];
    char *text = NULL;
    char *step;
    uint64_t id = 0;
    bunq_client *new_client = NULL;
    bunq_response *response = NULL;

    CHECK_STATUS(bunq_client_create("{\"base_url\": \"http://127.0.0.1:1/v1/\", \"api_key\": "
                                    "\"k\", \"connect_timeout_ms\": 2000}",
                                    &new_client),
                 BUNQ_ERROR_TRANSPORT);
    step = bunq_last_error_step();
    CHECK(step != NULL && strcmp(step, "installation") == 0);
    bunq_string_free(step);
    CHECK_STATUS(bunq_client_create("{\"api_key\": \"k\"}", &new_client),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK(last_error_mentions("environment"));
    snprintf(path, sizeof path, "%s/no/such/dir/bunq.conf", scratch);
    CHECK_STATUS(bunq_client_restore(path, NULL, &new_client), BUNQ_ERROR_IO);
    CHECK_STATUS(bunq_client_save(client, path), BUNQ_ERROR_IO);
    CHECK_STATUS(bunq_client_request(client, "PATCH", "user", NULL, NULL, 0, NULL, &response),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_sandbox_money_request(client, 1, "600.00", "too much", &id),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_sandbox_user_create(NULL, "robot", &text), BUNQ_ERROR_INVALID_INPUT);
    CHECK(new_client == NULL && response == NULL && text == NULL && id == 0);
}

static void a_success_clears_the_last_error(const bunq_client *client) {
    uint64_t user_id = 0;
    CHECK_STATUS(bunq_client_create(NULL, NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK_OK(bunq_client_user_id(client, &user_id));
    CHECK(bunq_last_error_status() == BUNQ_OK);
    CHECK(bunq_last_error_message() == NULL);
}

static void the_functions_that_do_not_clear_the_last_error_keep_it(void) {
    char *message;
    CHECK_STATUS(bunq_client_create(NULL, NULL), BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(bunq_version() != NULL);
    CHECK(bunq_abi_version() == BUNQ_ABI_VERSION);
    CHECK(bunq_status_name(BUNQ_ERROR_API) != NULL);
    bunq_string_free(NULL);
    bunq_bytes_free(NULL);
    bunq_client_free(NULL);
    bunq_response_free(NULL);
    bunq_pages_free(NULL);
    message = bunq_last_error_message();
    CHECK(message != NULL);
    bunq_string_free(message);
    CHECK(bunq_last_error_http_status() == 0);
    CHECK(bunq_last_error_description_count() == 0);
    CHECK(bunq_last_error_status() == BUNQ_ERROR_NULL_ARGUMENT);
    CHECK(last_error_mentions("config_json"));
}

/* A renewal whose auto-save fails still succeeds; the failure is there to read. */
static void a_failed_auto_save_is_reported_not_returned(const char *scratch,
                                                        const bunq_client *client) {
    char options[1024];
    char *context = NULL;
    char *message = UNTOUCHED_STRING;
    bunq_client *saving = NULL;
    CHECK_OK(bunq_client_to_json(client, &context));
    snprintf(options, sizeof options,
             "{\"save_to\": \"%s/missing-directory/bunq.conf\", \"rate_limits\": false}",
             scratch);
    CHECK_OK(bunq_client_from_json(context, options, &saving));
    CHECK_OK(bunq_client_last_save_error(saving, &message));
    CHECK(message == NULL);
    CHECK_OK(bunq_session_reset(saving));
    CHECK_OK(bunq_client_last_save_error(saving, &message));
    CHECK(message != NULL && strstr(message, "missing-directory") != NULL);
    bunq_string_free(message);
    CHECK_STATUS(bunq_client_last_save_error(NULL, &message), BUNQ_ERROR_NULL_ARGUMENT);
    bunq_client_free(saving);
    bunq_string_free(context);
}

static void status_names_are_static_strings(void) {
    CHECK(strcmp(bunq_status_name(BUNQ_OK), "BUNQ_OK") == 0);
    CHECK(strcmp(bunq_status_name(BUNQ_ERROR_SIGNATURE), "BUNQ_ERROR_SIGNATURE") == 0);
    CHECK(strcmp(bunq_status_name(BUNQ_ERROR_PANIC), "BUNQ_ERROR_PANIC") == 0);
    CHECK(strcmp(bunq_status_name(99), "BUNQ_UNKNOWN_STATUS") == 0);
    CHECK(strcmp(bunq_status_name(-1), "BUNQ_UNKNOWN_STATUS") == 0);
}

int main(int argc, char **argv) {
    bunq_client *client;
    if (argc != 3) {
        fprintf(stderr, "usage: %s <fake bunq base URL> <scratch directory>\n", argv[0]);
        return EXIT_FAILURE;
    }
    client = client_for(argv[1]);
    if (client == NULL) {
        return finish("errors");
    }
    null_arguments_are_refused_and_named(client);
    invalid_utf8_is_refused_never_replaced(client);
    bad_pems_and_signatures_are_refused();
    bad_json_is_refused(argv[1], client);
    a_server_error_carries_its_status_descriptions_and_response_id(client);
    a_tampered_signature_is_refused(client);
    other_failures_have_their_own_status(argv[2], client);
    a_success_clears_the_last_error(client);
    the_functions_that_do_not_clear_the_last_error_keep_it();
    a_failed_auto_save_is_reported_not_returned(argv[2], client);
    status_names_are_static_strings();
    bunq_client_free(client);
    return finish("errors");
}
