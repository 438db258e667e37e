/*
 * bunq.h from C++: the header's `extern "C"` block gives its functions C linkage, so a C++
 * program links against libbunq (without it g++ looks for mangled names and fails with
 * `undefined reference to 'bunq_abi_version()'`). A small offline flow against the fake:
 * a sandbox user, a client, the user, an account listing, sandbox money; the sandbox
 * helpers refusing bunq production; every result held by a std::unique_ptr whose deleter is
 * the library's release function.
 *
 * Compiled with g++ -std=c++11 -Wall -Wextra -Werror -pedantic.
 * Usage: cpp_flow <fake bunq base URL>
 */
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "check.h"

namespace {

struct StringFree {
    void operator()(char *text) const { bunq_string_free(text); }
};
struct ClientFree {
    void operator()(bunq_client *client) const { bunq_client_free(client); }
};
struct ResponseFree {
    void operator()(bunq_response *response) const { bunq_response_free(response); }
};

using OwnedString = std::unique_ptr<char, StringFree>;
using Client = std::unique_ptr<bunq_client, ClientFree>;
using Response = std::unique_ptr<bunq_response, ResponseFree>;

std::string with_base_url(const std::string &url, const std::string &rest) {
    std::string json = "{\"base_url\": \"" + url + "\", \"proxy\": \"none\"";
    if (!rest.empty()) {
        json += ", " + rest;
    }
    return json + "}";
}

Client new_client(const std::string &url) {
    char *api_key = nullptr;
    CHECK_OK(bunq_sandbox_user_create(with_base_url(url, "").c_str(), "person", &api_key));
    OwnedString key(api_key);
    if (!key) {
        return Client();
    }
    bunq_client *client = nullptr;
    std::string config = with_base_url(
        url, "\"api_key\": \"" + std::string(key.get()) +
                 "\", \"permitted_ips\": [\"*\"], \"rate_limits\": false");
    CHECK_OK(bunq_client_create(config.c_str(), &client));
    return Client(client);
}

Response get(const bunq_client *client, const std::string &path) {
    bunq_response *response = nullptr;
    CHECK_OK(bunq_client_request(client, "GET", path.c_str(), nullptr, nullptr, 0, nullptr,
                                 &response));
    return Response(response);
}

std::string body_text(const bunq_response *response) {
    char *text = nullptr;
    CHECK_OK(bunq_response_body_text(response, &text));
    OwnedString owned(text);
    return owned ? std::string(owned.get()) : std::string();
}

void the_flow_runs(const std::string &url) {
    CHECK(bunq_abi_version() == 1u);
    CHECK(std::string(bunq_version()).size() > 0);
    Client client = new_client(url);
    CHECK(client != nullptr);
    if (!client) {
        return;
    }
    std::uint64_t user_id = 0;
    CHECK_OK(bunq_client_user_id(client.get(), &user_id));
    CHECK(user_id > 0);

    Response user = get(client.get(), "user");
    std::uint16_t status = 0;
    CHECK_OK(bunq_response_status(user.get(), &status));
    CHECK(status == 200);
    CHECK(body_text(user.get()).find("\"UserPerson\"") != std::string::npos);

    Response accounts =
        get(client.get(), "user/" + std::to_string(user_id) + "/monetary-account-bank?count=1");
    std::string listing = body_text(accounts.get());
    unsigned long long account_id = number_after(listing.c_str(), "MonetaryAccountBank", "id");
    CHECK(account_id > 0);

    std::uint64_t inquiry_id = 0;
    CHECK_OK(bunq_sandbox_money_request(client.get(), account_id, "100.00", "C++ test",
                                        &inquiry_id));
    CHECK(inquiry_id > 0);
}

/* The check is in libbunq: C and C++ get it too, before anything is sent (the proxy is a
 * closed port, so a request that went out would fail as a transport error instead). */
void the_sandbox_helpers_refuse_production(const std::string &url) {
    char *api_key = nullptr;
    CHECK_STATUS(bunq_sandbox_user_create("{\"base_url\": \"https://api.bunq.com/v1/\", "
                                          "\"proxy\": \"http://127.0.0.1:9\"}",
                                          nullptr, &api_key),
                 BUNQ_ERROR_INVALID_INPUT);
    CHECK(api_key == nullptr);
    CHECK(last_error_mentions("sandbox-only helper refused: creating a sandbox user"));

    /* A PRODUCTION context at the fake (as through a local proxy to production). */
    char *key = nullptr;
    CHECK_OK(bunq_sandbox_user_create(with_base_url(url, "").c_str(), nullptr, &key));
    OwnedString owned_key(key);
    if (!owned_key) {
        return;
    }
    bunq_client *made = nullptr;
    std::string config = with_base_url(
        url, "\"environment\": \"PRODUCTION\", \"api_key\": \"" + std::string(owned_key.get()) +
                 "\", \"rate_limits\": false");
    CHECK_OK(bunq_client_create(config.c_str(), &made));
    Client production(made);
    std::uint64_t inquiry_id = 4242;
    CHECK_STATUS(
        bunq_sandbox_money_request(production.get(), 1, "1.00", "must not arrive", &inquiry_id),
        BUNQ_ERROR_INVALID_INPUT);
    CHECK(inquiry_id == 4242);
    CHECK(last_error_mentions("this context is bunq production"));
}

} // namespace

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <fake bunq base URL>\n", argv[0]);
        return EXIT_FAILURE;
    }
    the_flow_runs(argv[1]);
    the_sandbox_helpers_refuse_production(argv[1]);
    return finish("cpp_flow");
}
