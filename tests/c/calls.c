/*
 * Calls by name through the C API against the fake bunq server: the operation table, every
 * kind of account, a payment made by name, the payments listed across pages (all at once and
 * page by page), one read back, bytes refused where JSON is expected, and wrong calls refused
 * before anything is sent.
 *
 * Usage: calls <fake bunq base URL>
 */
#include "check.h"

static const char *base_url;

static void the_table_lists_every_operation(void) {
    char *table = NULL;
    CHECK_OK(bunq_operations_list(&table));
    if (table == NULL) {
        return;
    }
    CHECK(occurrences(table, "\"name\":") > 400);
    CHECK(strstr(table, "\"name\":\"Payment.create\"") != NULL);
    CHECK(strstr(table, "\"object_key\":\"ScheduledPayment\"") != NULL);
    bunq_string_free(table);
}

/* The id of the user's bank account, from every account listed by name. */
static unsigned long long every_kind_of_account(const bunq_client *client) {
    char *accounts = NULL;
    unsigned long long id;
    CHECK_OK(bunq_client_call(client, "MonetaryAccount.list", NULL, NULL, NULL, &accounts));
    if (accounts == NULL) {
        return 0;
    }
    /* An anchor: each account wrapped in its kind. */
    CHECK(accounts[0] == '[');
    CHECK(strstr(accounts, "{\"MonetaryAccountBank\":") != NULL);
    /* The fake gives every user a savings and a joint account besides its bank accounts. */
    CHECK(occurrences(accounts, "{\"MonetaryAccountSavings\":") == 1);
    CHECK(occurrences(accounts, "{\"MonetaryAccountJoint\":") == 1);
    CHECK(occurrences(accounts, "{\"MonetaryAccountBank\":") == 25);
    id = number_after(accounts, "{\"MonetaryAccountBank\":", "id");
    CHECK(id > 0);
    bunq_string_free(accounts);
    return id;
}

/* Pays `cents` to the sugar daddy by name; the new payment's id. */
static unsigned long long pay(const bunq_client *client, unsigned long long account, int cents) {
    char ids[128];
    char body[512];
    char *answer = NULL;
    unsigned long long id;
    snprintf(ids, sizeof ids, "{\"monetary_account_id\": %llu}", account);
    snprintf(body, sizeof body,
             "{\"amount\": {\"value\": \"0.%02d\", \"currency\": \"EUR\"}, "
             "\"counterparty_alias\": {\"type\": \"EMAIL\", \"value\": \"sugardaddy@bunq.com\", "
             "\"name\": \"Sugar Daddy\"}, \"description\": \"by name\"}",
             cents);
    CHECK_OK(bunq_client_call(client, "Payment.create", ids, body, NULL, &answer));
    if (answer == NULL) {
        return 0;
    }
    id = strtoull(answer, NULL, 10); /* a created id comes back as a bare number */
    CHECK(id > 0);
    bunq_string_free(answer);
    return id;
}

static void payments_by_name(const bunq_client *client, unsigned long long account) {
    char ids[128];
    char id_text[64];
    char *all = NULL;
    char *page = NULL;
    char *one = NULL;
    bunq_pages *walk = NULL;
    unsigned long long made[3];
    int pages_read = 0;
    int seen = 0;
    int i;
    char money[256];
    snprintf(ids, sizeof ids, "{\"monetary_account_id\": %llu}", account);
    snprintf(money, sizeof money,
             "{\"amount_inquired\": {\"value\": \"10.00\", \"currency\": \"EUR\"}, "
             "\"counterparty_alias\": {\"type\": \"EMAIL\", \"value\": \"sugardaddy@bunq.com\"}, "
             "\"description\": \"money to spend\", \"allow_bunqme\": false}");
    CHECK_OK(bunq_client_call(client, "RequestInquiry.create", ids, money, NULL, &one));
    bunq_string_free(one);
    one = NULL;
    for (i = 0; i < 3; i++) {
        made[i] = pay(client, account, i + 1);
    }

    /* Every page at once. */
    CHECK_OK(bunq_client_call(client, "Payment.list", ids, NULL, "{\"count\": 1}", &all));
    if (all != NULL) {
        for (i = 0; i < 3; i++) {
            snprintf(id_text, sizeof id_text, "\"id\":%llu,", made[i]);
            CHECK(occurrences(all, id_text) == 1);
        }
        /* Not an anchor: the objects themselves, no kind around them. */
        CHECK(strstr(all, "{\"Payment\":") == NULL);
        bunq_string_free(all);
    }

    /* Page by page, one payment a page. */
    CHECK_OK(bunq_pages_new_call(client, "Payment.list", ids, "{\"count\": 1}", &walk));
    for (;;) {
        bunq_status status = bunq_pages_next_objects(walk, &page);
        CHECK_OK(status);
        if (status != BUNQ_OK || page == NULL) {
            break;
        }
        pages_read++;
        for (i = 0; i < 3; i++) {
            snprintf(id_text, sizeof id_text, "\"id\":%llu,", made[i]);
            seen += occurrences(page, id_text);
        }
        bunq_string_free(page);
        page = NULL;
    }
    CHECK(pages_read >= 3);
    CHECK(seen == 3);
    bunq_pages_free(walk);

    snprintf(ids, sizeof ids, "{\"monetary_account_id\": %llu, \"payment_id\": %llu}", account,
             made[1]);
    CHECK_OK(bunq_client_call(client, "Payment.get", ids, NULL, NULL, &one));
    CHECK(one != NULL && strstr(one, "\"value\":\"-0.02\"") != NULL);
    bunq_string_free(one);
}

static void wrong_calls_are_refused_before_anything_is_sent(const bunq_client *client) {
    char *answer = NULL;
    char *stats = NULL;
    unsigned long long sent_before;
    unsigned long long sent_after;
    bunq_pages *walk = NULL;
    uint8_t *bytes = NULL;
    size_t length = 0;
    CHECK_OK(bunq_client_transport_stats(client, &stats));
    sent_before = stats ? number_after(stats, "{", "requests_sent") : 0;
    bunq_string_free(stats);

    CHECK_STATUS(bunq_client_call(client, "Payment.lsit", "{\"monetary_account_id\": 1}", NULL,
                                  NULL, &answer),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK(last_error_mentions("Payment.list"));
    CHECK_STATUS(bunq_client_call(client, "Payment.list", NULL, NULL, NULL, &answer),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK(last_error_mentions("monetary_account_id"));
    CHECK_STATUS(bunq_client_call(client, "Payment.get",
                                  "{\"monetary_account_id\": 1, \"payment_id\": \"seven\"}", NULL,
                                  NULL, &answer),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_client_call(client, "Payment.list", "{\"monetary_account_id\": 1}", "{}",
                                  NULL, &answer),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_client_call(client, "Payment.list", "[1]", NULL, NULL, &answer),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK_STATUS(bunq_client_call(client, "AttachmentPublicContent.list",
                                  "{\"attachment_public_uuid\": \"0b0c0e4c-0000-4000-8000-000000000000\"}",
                                  NULL, NULL, &answer),
                 BUNQ_ERROR_INVALID_INPUT);
    /* The message names the bytes call in every front door, not only C's. */
    CHECK(last_error_mentions("bunq_client_call_bytes"));
    CHECK(last_error_mentions("call_bytes") && last_error_mentions("callBytes") &&
          last_error_mentions("CallBytes"));
    CHECK_STATUS(bunq_client_call_bytes(client, "Payment.list", "{\"monetary_account_id\": 1}",
                                        NULL, &bytes, &length),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK(last_error_mentions("bunq_client_call,") && last_error_mentions("C# Call)"));
    CHECK_STATUS(bunq_pages_new_call(client, "Payment.get", NULL, NULL, &walk),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK(answer == NULL && walk == NULL && bytes == NULL);
    CHECK_STATUS(bunq_client_call(NULL, "User.get", NULL, NULL, NULL, &answer),
                 BUNQ_ERROR_NULL_ARGUMENT);

    CHECK_OK(bunq_client_transport_stats(client, &stats));
    sent_after = stats ? number_after(stats, "{", "requests_sent") : 0;
    bunq_string_free(stats);
    CHECK(sent_after == sent_before);
}

int main(int argc, char **argv) {
    bunq_client *client;
    unsigned long long account;
    if (argc != 2) {
        fprintf(stderr, "usage: %s <fake bunq base URL>\n", argv[0]);
        return EXIT_FAILURE;
    }
    base_url = argv[1];
    the_table_lists_every_operation();
    client = a_sandbox_client(base_url);
    if (client != NULL) {
        account = every_kind_of_account(client);
        payments_by_name(client, account);
        wrong_calls_are_refused_before_anything_is_sent(client);
    }
    bunq_client_free(client);
    return finish("calls");
}
