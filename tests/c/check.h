/*
 * A tiny test harness for the C tests: CHECK a condition, CHECK_STATUS a call's status.
 * A failed check prints the call, the status and the library's last error, and the test
 * goes on; the program ends with "<name>: N passed, M failed" and exits non-zero on a
 * failure.
 */
#ifndef BUNQ_TEST_CHECK_H
#define BUNQ_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bunq.h"

static int checks_passed = 0;
static int checks_failed = 0;

static inline void check(int ok, const char *what, const char *file, int line) {
    if (ok) {
        checks_passed++;
        return;
    }
    checks_failed++;
    fprintf(stderr, "FAILED %s:%d: %s\n", file, line, what);
}

static inline void check_status(bunq_status got, bunq_status expected, const char *call,
                         const char *file, int line) {
    char *message;
    if (got == expected) {
        checks_passed++;
        return;
    }
    checks_failed++;
    message = bunq_last_error_message();
    fprintf(stderr, "FAILED %s:%d: %s\n  gave %s, expected %s\n  last error: %s\n", file,
            line, call, bunq_status_name((int)got), bunq_status_name((int)expected),
            message ? message : "(none)");
    bunq_string_free(message);
}

#define CHECK(condition) check((condition) ? 1 : 0, #condition, __FILE__, __LINE__)
#define CHECK_STATUS(call, expected) check_status((call), (expected), #call, __FILE__, __LINE__)
#define CHECK_OK(call) CHECK_STATUS(call, BUNQ_OK)

/* The closing line the runner adds up. */
static inline int finish(const char *name) {
    printf("%s: %d passed, %d failed\n", name, checks_passed, checks_failed);
    return checks_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Whether the last error's message contains `part` (the message is released here). */
static inline int last_error_mentions(const char *part) {
    char *message = bunq_last_error_message();
    int found = message != NULL && strstr(message, part) != NULL;
    bunq_string_free(message);
    return found;
}

/* Writes {"base_url": "<url>", <rest>} into `buffer`; `rest` may be empty. */
static inline void json_with_base_url(char *buffer, size_t size, const char *url, const char *rest) {
    int written = snprintf(buffer, size, "{\"base_url\": \"%s\"%s%s}", url, *rest ? ", " : "",
                           rest);
    if (written < 0 || (size_t)written >= size) {
        fprintf(stderr, "JSON buffer too small\n");
        exit(EXIT_FAILURE);
    }
}

/* A file's whole content as a string the caller frees, or NULL; its length goes to `*length`
 * unless `length` is NULL. */
static inline char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    char *content;
    long size;
    if (file == NULL) {
        return NULL;
    }
    fseek(file, 0, SEEK_END);
    size = ftell(file);
    fseek(file, 0, SEEK_SET);
    content = (char *)malloc((size_t)size + 1);
    if (content != NULL && fread(content, 1, (size_t)size, file) == (size_t)size) {
        content[size] = '\0';
        if (length != NULL) {
            *length = (size_t)size;
        }
    } else {
        free(content);
        content = NULL;
    }
    fclose(file);
    return content;
}

/* A client of a new sandbox user of the fake bunq at `url` (no rate limits, no proxy, 30-s
 * calls), or NULL after a failed check. */
static inline bunq_client *a_sandbox_client(const char *url) {
    char options[512];
    char config[1024];
    char *api_key = NULL;
    bunq_client *client = NULL;
    json_with_base_url(options, sizeof options, url, "\"timeout_ms\": 30000");
    CHECK_OK(bunq_sandbox_user_create(options, "person", &api_key));
    snprintf(config, sizeof config,
             "{\"base_url\": \"%s\", \"api_key\": \"%s\", \"rate_limits\": false, "
             "\"proxy\": \"none\", \"timeout_ms\": 30000}",
             url, api_key ? api_key : "");
    bunq_string_free(api_key);
    CHECK_OK(bunq_client_create(config, &client));
    return client;
}

/* The number after the first `"<field>":` that follows `marker` in `text`, or 0. */
static inline unsigned long long number_after(const char *text, const char *marker, const char *field) {
    char key[64];
    const char *at = strstr(text, marker);
    if (at == NULL) {
        return 0;
    }
    snprintf(key, sizeof key, "\"%s\":", field);
    at = strstr(at, key);
    if (at == NULL) {
        return 0;
    }
    at += strlen(key);
    while (*at == ' ') {
        at++;
    }
    return strtoull(at, NULL, 10);
}

/* How often `part` occurs in `text`. */
static inline int occurrences(const char *text, const char *part) {
    int count = 0;
    const char *at = text;
    while ((at = strstr(at, part)) != NULL) {
        count++;
        at += strlen(part);
    }
    return count;
}

#endif /* BUNQ_TEST_CHECK_H */
