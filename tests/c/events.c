/*
 * The event callback of the C API against the fake bunq server: a client made with
 * bunq_client_create_with_events reports the three exchanges that create its context, its
 * calls, the 401 that renews its session (with the renewal, the save and the resend), in
 * that order; no event shows the API key, a token or the private key; a NULL callback
 * stops the events.
 *
 * Usage: events <fake bunq base URL> <scratch directory>
 */
#include "check.h"

#define MAX_EVENTS 64

/* What the callback collects: copies of the JSON texts, on the calling thread. */
struct event_log {
    char *events[MAX_EVENTS];
    int count;
    int overflow;
};

static void remember_event(const char *event_json, void *user_data) {
    struct event_log *log = user_data;
    size_t length;
    if (log->count == MAX_EVENTS) {
        log->overflow = 1;
        return;
    }
    length = strlen(event_json);
    log->events[log->count] = malloc(length + 1);
    if (log->events[log->count] != NULL) {
        memcpy(log->events[log->count], event_json, length + 1);
        log->count++;
    }
}

static void forget_events(struct event_log *log) {
    int i;
    for (i = 0; i < log->count; i++) {
        free(log->events[i]);
    }
    log->count = 0;
}

/* The string value of the first `"<field>":` after `marker` in `text`, copied into `out`
 * (empty when missing). Good enough for the library's own JSON (no escapes in tokens). */
static void string_after(const char *text, const char *marker, const char *field, char *out,
                         size_t size) {
    char key[64];
    const char *at = strstr(text, marker);
    size_t length = 0;
    out[0] = '\0';
    if (at == NULL) {
        return;
    }
    snprintf(key, sizeof key, "\"%s\":", field);
    at = strstr(at, key);
    if (at == NULL) {
        return;
    }
    at += strlen(key);
    while (*at == ' ') {
        at++;
    }
    if (*at != '"') {
        return;
    }
    at++;
    while (at[length] != '"' && at[length] != '\0' && length + 1 < size) {
        length++;
    }
    memcpy(out, at, length);
    out[length] = '\0';
}

/* Whether the event is of the kind and has every one of the (NULL-ended) parts. */
static int event_has(const char *event, const char *const *parts) {
    for (; *parts != NULL; parts++) {
        if (strstr(event, *parts) == NULL) {
            return 0;
        }
    }
    return 1;
}

static const char *next_kept(const struct event_log *log, int *at) {
    /* How many rate-limiter waits come in between depends on timing: they are skipped. */
    while (*at < log->count && strstr(log->events[*at], "\"event\":\"rate_limit_wait\"") != NULL) {
        (*at)++;
    }
    return *at < log->count ? log->events[(*at)++] : NULL;
}

static void expect_next(const struct event_log *log, int *at, const char *const *parts,
                        const char *what) {
    const char *event = next_kept(log, at);
    if (event == NULL || !event_has(event, parts)) {
        checks_failed++;
        fprintf(stderr, "FAILED: expected %s, got %s\n", what, event ? event : "(no more events)");
        return;
    }
    checks_passed++;
}

/* Every secret of the client's context, each checked against every event. */
static void no_event_shows_a_secret(const struct event_log *log, const char *context_json) {
    char secret[128];
    const char *fields[][2] = {
        {"\"api_key\"", "api_key"},
        {"\"installation_context\"", "token"},
        {"\"session_context\"", "token"},
        {"\"private_key_client\"", "private_key_client"},
    };
    size_t f;
    int i;
    for (f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        string_after(context_json, fields[f][0], fields[f][1], secret, sizeof secret);
        if (strncmp(secret, "-----BEGIN PRIVATE KEY-----\\n", 29) == 0) {
            /* A piece of the key's base64, well inside it. */
            memmove(secret, secret + 60, 40);
            secret[40] = '\0';
        }
        CHECK(strlen(secret) >= 8);
        for (i = 0; i < log->count; i++) {
            if (strstr(log->events[i], secret) != NULL) {
                checks_failed++;
                fprintf(stderr, "FAILED: an event shows the %s: %s\n", fields[f][1],
                        log->events[i]);
            }
        }
    }
    for (i = 0; i < log->count; i++) {
        CHECK(strstr(log->events[i], "PRIVATE KEY") == NULL);
    }
}

static bunq_client *a_client_reporting_to(const char *base_url, const char *scratch,
                                          struct event_log *log) {
    char options[512];
    char config[2048];
    char *api_key = NULL;
    bunq_client *client = NULL;
    json_with_base_url(options, sizeof options, base_url, "\"timeout_ms\": 30000");
    CHECK_OK(bunq_sandbox_user_create(options, "person", &api_key));
    if (api_key == NULL) {
        return NULL;
    }
    snprintf(config, sizeof config,
             "{\"base_url\": \"%s\", \"api_key\": \"%s\", \"permitted_ips\": [\"*\"],"
             " \"proxy\": \"none\", \"save_to\": \"%s/events.conf\","
             " \"rate_limits\": {\"get\": 1, \"window_ms\": 1000,"
             " \"session_server_window_ms\": 10}}",
             base_url, api_key, scratch);
    bunq_string_free(api_key);
    CHECK_OK(bunq_client_create_with_events(config, remember_event, log, &client));
    return client;
}

static void request(const bunq_client *client, const char *method, const char *path) {
    bunq_response *response = NULL;
    CHECK_OK(bunq_client_request(client, method, path, NULL, NULL, 0, NULL, &response));
    bunq_response_free(response);
}

int main(int argc, char **argv) {
    static struct event_log recorded;
    bunq_client *client;
    char *first_context = NULL;
    char *last_context = NULL;
    int at = 0;
    int seen;
    if (argc != 3) {
        fprintf(stderr, "usage: %s <fake bunq base URL> <scratch directory>\n", argv[0]);
        return EXIT_FAILURE;
    }
    client = a_client_reporting_to(argv[1], argv[2], &recorded);
    if (client == NULL) {
        return finish("events");
    }
    CHECK_OK(bunq_client_to_json(client, &first_context));
    request(client, "GET", "user");
    /* The fake forgets the session: the next call meets a 401 and renews. */
    request(client, "POST", "_fake/expire-session");
    request(client, "GET", "user");
    CHECK_OK(bunq_client_to_json(client, &last_context));

    {
        const char *installation[] = {"\"event\":\"exchange\"", "\"method\":\"POST\"",
                                      "\"path\":\"installation\"", "\"status\":200",
                                      "\"attempt\":1", "\"response_id\":\"", NULL};
        const char *device[] = {"\"path\":\"device-server\"", "\"status\":200", NULL};
        const char *session[] = {"\"path\":\"session-server\"", "\"status\":200",
                                 "\"level\":\"debug\"", NULL};
        const char *get_user[] = {"\"method\":\"GET\"", "\"path\":\"user\"", "\"status\":200",
                                  "\"message\":\"GET user 200 ", NULL};
        const char *expire[] = {"\"path\":\"_fake/expire-session\"", "\"status\":200", NULL};
        const char *refused[] = {"\"path\":\"user\"", "\"status\":401", "\"error\":\"api\"",
                                 "\"level\":\"info\"", NULL};
        const char *renewal[] = {"\"event\":\"session_renewal\"", "\"reason\":\"refused\"",
                                 "\"new_expiry\":\"", "\"old_expiry\":\"", NULL};
        const char *saved[] = {"\"event\":\"context_save\"", "\"ok\":true", "events.conf\"",
                               NULL};
        const char *resent[] = {"\"path\":\"user\"", "\"status\":200", "\"attempt\":2",
                                "\"resend_reason\":\"session_renewal\"", NULL};
        expect_next(&recorded, &at, installation, "POST installation");
        expect_next(&recorded, &at, device, "POST device-server");
        expect_next(&recorded, &at, session, "POST session-server");
        expect_next(&recorded, &at, get_user, "GET user");
        expect_next(&recorded, &at, expire, "POST _fake/expire-session");
        expect_next(&recorded, &at, refused, "GET user refused with 401");
        expect_next(&recorded, &at, session, "POST session-server (renewal)");
        expect_next(&recorded, &at, renewal, "the session renewal");
        expect_next(&recorded, &at, saved, "the auto-save");
        expect_next(&recorded, &at, resent, "GET user resent");
        CHECK(next_kept(&recorded, &at) == NULL);
    }
    CHECK(!recorded.overflow);
    if (first_context != NULL && last_context != NULL) {
        no_event_shows_a_secret(&recorded, first_context);
        no_event_shows_a_secret(&recorded, last_context);
    }

    /* A NULL callback: no more events. */
    CHECK_OK(bunq_client_set_event_callback(client, NULL, NULL));
    seen = recorded.count;
    request(client, "GET", "user");
    CHECK(recorded.count == seen);
    /* Set again on a live client: events flow again. */
    CHECK_OK(bunq_client_set_event_callback(client, remember_event, &recorded));
    request(client, "GET", "user");
    CHECK(recorded.count > seen);
    CHECK_STATUS(bunq_client_set_event_callback(NULL, remember_event, &recorded),
                 BUNQ_ERROR_NULL_ARGUMENT);

    bunq_string_free(first_context);
    bunq_string_free(last_context);
    bunq_client_free(client);
    forget_events(&recorded);
    return finish("events");
}
