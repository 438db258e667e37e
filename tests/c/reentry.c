/*
 * Event callbacks that call back into the library, and a client freed while a call runs:
 *
 * - a callback reading the future URL of the walk whose page it reports gets it at once (the
 *   URL of the pages so far), and a nested bunq_pages_next on that walk fails at once;
 * - a call that needs the session-renewal turn, made from the session_renewal event (its own
 *   thread holds the turn), fails at once with BUNQ_ERROR_INVALID_INPUT; a call that does
 *   not need it works;
 * - a nested call that fails leaves no last error behind once the outer call succeeds;
 * - a "save_to" holding a NUL is refused when the client is made;
 * - bunq_client_free while another thread's call runs waits for that call to end; calls
 *   that start meanwhile fail with a clear error (valgrind watches the memory); freed from
 *   an event callback of its own call, it does not wait for that call, which still ends well.
 *
 * None of this may hang: the program gives up (and fails) after ALARM_SECONDS.
 *
 * Usage: reentry <fake bunq base URL>
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* Under valgrind each call is slow; a hang is still caught. */
#define ALARM_SECONDS 600

static double now_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void sleep_ms(long milliseconds) {
    struct timespec pause;
    pause.tv_sec = milliseconds / 1000;
    pause.tv_nsec = (milliseconds % 1000) * 1000000L;
    nanosleep(&pause, NULL);
}

static int is_event(const char *event_json, const char *kind) {
    char marker[64];
    snprintf(marker, sizeof marker, "\"event\":\"%s\"", kind);
    return strstr(event_json, marker) != NULL;
}

/* A client of a new sandbox user; `rest` adds options. */
static bunq_client *client_for(const char *url, const char *rest) {
    char options[512];
    char config[2048];
    char *api_key = NULL;
    bunq_client *client = NULL;
    json_with_base_url(options, sizeof options, url, "\"proxy\": \"none\"");
    CHECK_OK(bunq_sandbox_user_create(options, NULL, &api_key));
    if (api_key == NULL) {
        return NULL;
    }
    snprintf(config, sizeof config,
             "{\"base_url\": \"%s\", \"api_key\": \"%s\", \"permitted_ips\": [\"*\"],"
             " \"proxy\": \"none\", \"rate_limits\": false%s%s}",
             url, api_key, *rest ? ", " : "", rest);
    bunq_string_free(api_key);
    CHECK_OK(bunq_client_create(config, &client));
    return client;
}

/* ---- A callback reading the walk it reports on ---------------------------------------- */

struct walk_watch {
    bunq_pages *pages;
    int exchanges;
    int urls_read;
    int urls_given;
    int nested_next_refused;
};

static void read_the_walk(const char *event_json, void *user_data) {
    struct walk_watch *watch = user_data;
    char *url = NULL;
    bunq_response *page = NULL;
    if (!is_event(event_json, "exchange") || watch->pages == NULL) {
        return;
    }
    watch->exchanges++;
    if (bunq_pages_future_url(watch->pages, &url) == BUNQ_OK) {
        watch->urls_read++;
        watch->urls_given += url != NULL;
    }
    bunq_string_free(url);
    if (bunq_pages_next(watch->pages, &page) == BUNQ_ERROR_INVALID_INPUT &&
        last_error_mentions("bunq_pages_next")) {
        watch->nested_next_refused++;
    }
    bunq_response_free(page);
}

static void a_callback_reads_the_walk_it_reports_on(bunq_client *client) {
    static struct walk_watch watch;
    char path[64];
    uint64_t user_id = 0;
    bunq_response *page = NULL;
    int pages_seen = 0;
    CHECK_OK(bunq_client_user_id(client, &user_id));
    snprintf(path, sizeof path, "user/%llu/monetary-account", (unsigned long long)user_id);
    CHECK_OK(bunq_pages_new(client, path, "{\"count\": 10}", &watch.pages));
    CHECK_OK(bunq_client_set_event_callback(client, read_the_walk, &watch));
    do {
        page = NULL;
        CHECK_OK(bunq_pages_next(watch.pages, &page));
        pages_seen += page != NULL;
        bunq_response_free(page);
    } while (page != NULL && pages_seen < 10);
    CHECK_OK(bunq_client_set_event_callback(client, NULL, NULL));
    CHECK(pages_seen == 3); /* 25 accounts, 10 a page */
    CHECK(watch.exchanges == 3);
    CHECK(watch.urls_read == 3);
    CHECK(watch.urls_given == 2); /* none before the first page arrived */
    CHECK(watch.nested_next_refused == 3);
    bunq_pages_free(watch.pages);
}

/* ---- Calls made from the session_renewal event ----------------------------------------- */

struct renewal_watch {
    const bunq_client *client;
    int renewals;
    bunq_status nested_reset;
    int nested_reset_explained;
    double nested_reset_seconds;
    bunq_status nested_get;
};

static void call_during_renewal(const char *event_json, void *user_data) {
    struct renewal_watch *watch = user_data;
    bunq_response *response = NULL;
    double started;
    if (!is_event(event_json, "session_renewal")) {
        return;
    }
    watch->renewals++;
    started = now_seconds();
    watch->nested_reset = bunq_session_reset(watch->client);
    watch->nested_reset_seconds = now_seconds() - started;
    watch->nested_reset_explained = last_error_mentions("session-renewal turn");
    watch->nested_get =
        bunq_client_request(watch->client, "GET", "user", NULL, NULL, 0, NULL, &response);
    bunq_response_free(response);
}

static void a_call_needing_the_renewal_turn_fails_at_once_inside_the_renewal(bunq_client *client) {
    static struct renewal_watch watch;
    watch.client = client;
    CHECK_OK(bunq_client_set_event_callback(client, call_during_renewal, &watch));
    CHECK_OK(bunq_session_reset(client));
    CHECK_OK(bunq_client_set_event_callback(client, NULL, NULL));
    CHECK(watch.renewals == 1);
    CHECK(watch.nested_reset == BUNQ_ERROR_INVALID_INPUT);
    CHECK(watch.nested_reset_explained);
    CHECK(watch.nested_reset_seconds < 5.0);
    CHECK(watch.nested_get == BUNQ_OK);
}

/* ---- A failing nested call and the last error ------------------------------------------ */

static void fail_a_nested_call(const char *event_json, void *user_data) {
    bunq_response *response = NULL;
    (void)event_json;
    /* A NULL path: refused at once. */
    if (bunq_client_request(user_data, "GET", NULL, NULL, NULL, 0, NULL, &response) == BUNQ_OK) {
        bunq_response_free(response);
    }
}

static void a_success_leaves_no_last_error_even_after_a_failed_nested_call(bunq_client *client) {
    bunq_response *response = NULL;
    char *message;
    CHECK_OK(bunq_client_set_event_callback(client, fail_a_nested_call, client));
    CHECK_OK(bunq_client_request(client, "GET", "user", NULL, NULL, 0, NULL, &response));
    CHECK(bunq_last_error_status() == BUNQ_OK);
    message = bunq_last_error_message();
    CHECK(message == NULL);
    bunq_string_free(message);
    bunq_response_free(response);
    CHECK_OK(bunq_client_set_event_callback(client, NULL, NULL));
}

/* ---- save_to with a NUL ------------------------------------------------------------------ */

static void a_save_path_with_a_nul_is_refused_at_once(const bunq_client *client) {
    char *context = NULL;
    bunq_client *restored = NULL;
    CHECK_OK(bunq_client_to_json(client, &context));
    if (context == NULL) {
        return;
    }
    CHECK_STATUS(bunq_client_from_json(context, "{\"save_to\": \"bunq\\u0000.conf\"}", &restored),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK(last_error_mentions("save_to"));
    CHECK(restored == NULL);
    bunq_client_free(restored);
    bunq_string_free(context);
}

/* ---- bunq_client_free while another thread's call runs ---------------------------------- */

struct free_race {
    bunq_client *client;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int in_call;
    int lingered;
    int refused;
    bunq_status call_status;
};

/* On the calling thread, inside its call: tells the main thread to free the client, waits
 * until a new call is refused (the free has begun), then lingers so that a free that did not
 * wait would be seen. */
static void linger_in_the_call(const char *event_json, void *user_data) {
    struct free_race *race = user_data;
    char *context = NULL;
    double deadline;
    if (!is_event(event_json, "exchange") || strstr(event_json, "session-server") == NULL) {
        return;
    }
    pthread_mutex_lock(&race->lock);
    race->in_call = 1;
    pthread_cond_broadcast(&race->changed);
    pthread_mutex_unlock(&race->lock);
    deadline = now_seconds() + 60;
    while (now_seconds() < deadline) {
        context = NULL;
        if (bunq_client_to_json(race->client, &context) != BUNQ_OK) {
            race->refused = bunq_last_error_status() == BUNQ_ERROR_INVALID_INPUT &&
                            last_error_mentions("bunq_client_free");
            break;
        }
        bunq_string_free(context);
        sleep_ms(10);
    }
    sleep_ms(300);
    pthread_mutex_lock(&race->lock);
    race->lingered = 1;
    pthread_mutex_unlock(&race->lock);
}

static void *call_while_freed(void *argument) {
    struct free_race *race = argument;
    race->call_status = bunq_session_reset(race->client);
    return NULL;
}

static void free_waits_for_a_call_in_flight(const char *url) {
    static struct free_race race;
    pthread_t caller;
    int lingered_when_free_returned;
    race.client = client_for(url, "");
    if (race.client == NULL) {
        return;
    }
    pthread_mutex_init(&race.lock, NULL);
    pthread_cond_init(&race.changed, NULL);
    CHECK_OK(bunq_client_set_event_callback(race.client, linger_in_the_call, &race));
    CHECK(pthread_create(&caller, NULL, call_while_freed, &race) == 0);
    pthread_mutex_lock(&race.lock);
    while (!race.in_call) {
        pthread_cond_wait(&race.changed, &race.lock);
    }
    pthread_mutex_unlock(&race.lock);

    bunq_client_free(race.client);
    /* The call's callback (inside the call) had ended before the free went on. */
    pthread_mutex_lock(&race.lock);
    lingered_when_free_returned = race.lingered;
    pthread_mutex_unlock(&race.lock);
    pthread_join(caller, NULL);
    CHECK(lingered_when_free_returned);
    CHECK(race.call_status == BUNQ_OK);
    CHECK(race.refused);
    pthread_cond_destroy(&race.changed);
    pthread_mutex_destroy(&race.lock);
}

/* ---- bunq_client_free from an event callback of the client's own call ------------------ */

struct self_free {
    bunq_client *client;
    int freed;
};

static void free_the_client(const char *event_json, void *user_data) {
    struct self_free *watch = user_data;
    (void)event_json;
    if (!watch->freed) {
        watch->freed = 1;
        bunq_client_free(watch->client);
    }
}

static void free_from_the_clients_own_callback_does_not_wait_for_itself(const char *url) {
    static struct self_free watch;
    bunq_response *response = NULL;
    watch.client = client_for(url, "");
    if (watch.client == NULL) {
        return;
    }
    CHECK_OK(bunq_client_set_event_callback(watch.client, free_the_client, &watch));
    /* The call that reports the event finishes on its own, after the handle is released. */
    CHECK_OK(bunq_client_request(watch.client, "GET", "user", NULL, NULL, 0, NULL, &response));
    CHECK(watch.freed);
    bunq_response_free(response);
}

int main(int argc, char **argv) {
    bunq_client *client;
    if (argc != 2) {
        fprintf(stderr, "usage: %s <fake bunq base URL>\n", argv[0]);
        return EXIT_FAILURE;
    }
    alarm(ALARM_SECONDS);
    client = client_for(argv[1], "\"retry\": {\"max_total_wait_ms\": 20000}");
    if (client == NULL) {
        return finish("reentry");
    }
    a_callback_reads_the_walk_it_reports_on(client);
    a_call_needing_the_renewal_turn_fails_at_once_inside_the_renewal(client);
    a_success_leaves_no_last_error_even_after_a_failed_nested_call(client);
    a_save_path_with_a_nul_is_refused_at_once(client);
    bunq_client_free(client);
    free_waits_for_a_call_in_flight(argv[1]);
    free_from_the_clients_own_callback_does_not_wait_for_itself(argv[1]);
    return finish("reentry");
}
