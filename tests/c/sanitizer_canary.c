/*
 * Proof that the sanitizer pass of tests/c/run.sh catches what it is there to catch: this
 * program misuses the C API on purpose, and the pass fails unless AddressSanitizer reports it.
 *
 * Usage: sanitizer_canary leak       (a string from the library is never released)
 *        sanitizer_canary overflow   (one byte is read past the end of such a string)
 */
#include <stdio.h>
#include <string.h>

#include <bunq.h>

int main(int argc, char **argv) {
    bunq_client *client = NULL;
    char *volatile message;
    if (argc != 2) {
        fprintf(stderr, "usage: %s leak|overflow\n", argv[0]);
        return 2;
    }
    if (bunq_client_from_json("{", NULL, &client) == BUNQ_OK) {
        return 2;
    }
    message = bunq_last_error_message();
    if (message == NULL) {
        return 2;
    }
    if (strcmp(argv[1], "overflow") == 0) {
        size_t length = strlen(message);
        printf("%d\n", message[length + 1]);
        bunq_string_free(message);
        return 0;
    }
    message = NULL; /* the only pointer to the string is gone: a leak */
    return 0;
}
