// Generated from include/bunq.h by `cargo run -p bunq-codegen -- bindings`; do not edit.
namespace Bunq
{
    /// <summary>The <c>bunq_status</c> codes of bunq.h, same numbers: What a call did: <c>BUNQ_OK</c>, or the kind of failure. The numbers are part of the ABI and never change meaning; details of a failure are in the <c>bunq_last_error_*</c> accessors.</summary>
    public enum Status
    {
        /// <summary><c>BUNQ_OK</c>: Success: the out-parameters are written.</summary>
        Ok = 0,
        /// <summary><c>BUNQ_ERROR_API</c>: bunq answered with an error status (4xx/5xx other than 429): see the HTTP status, descriptions and response id of the last error.</summary>
        ErrorApi = 1,
        /// <summary><c>BUNQ_ERROR_RATE_LIMITED</c>: bunq answered 429 Too Many Requests after the configured retries (HTTP status 429 in the last error), or the call's time budget (the retry policy's total wait) ran out first: a wait for the client's rate limiter or for another thread's session renewal would have gone past it (HTTP status 0).</summary>
        ErrorRateLimited = 2,
        /// <summary><c>BUNQ_ERROR_TRANSPORT</c>: The connection failed: DNS, refused, reset, TLS, proxy, a truncated answer.</summary>
        ErrorTransport = 3,
        /// <summary><c>BUNQ_ERROR_TIMEOUT</c>: A connect or read timeout passed before bunq answered.</summary>
        ErrorTimeout = 4,
        /// <summary><c>BUNQ_ERROR_SIGNATURE</c>: A signature was wrong or missing (bunq's answer, or <c>bunq_public_key_verify</c>).</summary>
        ErrorSignature = 5,
        /// <summary><c>BUNQ_ERROR_JSON</c>: JSON that was not JSON, or lacked an expected field (an argument, a saved context, an answer).</summary>
        ErrorJson = 6,
        /// <summary><c>BUNQ_ERROR_IO</c>: Reading or writing a file failed.</summary>
        ErrorIo = 7,
        /// <summary><c>BUNQ_ERROR_INVALID_INPUT</c>: An argument was unusable: a bad PEM, URL or method, an empty API key, ...</summary>
        ErrorInvalidInput = 8,
        /// <summary><c>BUNQ_ERROR_NULL_ARGUMENT</c>: A required pointer argument was NULL.</summary>
        ErrorNullArgument = 9,
        /// <summary><c>BUNQ_ERROR_INVALID_UTF8</c>: A string argument was not valid UTF-8 (or an answer asked for as text was not).</summary>
        ErrorInvalidUtf8 = 10,
        /// <summary><c>BUNQ_ERROR_PANIC</c>: A bug in the library: a panic was caught at the boundary. Please report it.</summary>
        ErrorPanic = 11,
    }
}
