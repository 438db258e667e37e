// The exceptions of the Bunq namespace, named like the official bunq SDKs'.
//
// Every failure reported by libbunq is a BunqException. bunq's refusals (an HTTP error answer)
// are an ApiException, subclassed by HTTP status as in the official SDKs (BadRequestException
// for 400, NotFoundException for 404, ...); the other failures (a wrong signature, a network
// failure, bad input, ...) have a class each. A library that cannot be loaded, or is not the
// version this assembly was written for, is a LibraryLoadException.
using System;
using System.Collections.Generic;

namespace Bunq
{
    /// <summary>
    /// Any failure reported by libbunq; the base class of every exception of this package
    /// except <see cref="LibraryLoadException"/>. The message is the library's (for bunq's
    /// refusals in the official SDKs' wording, response id included) and never contains an
    /// API key, token or private key.
    /// </summary>
    public class BunqException : Exception
    {
        private static readonly IReadOnlyList<string> NoDescriptions = new string[0];

        /// <summary>An exception for a failed call.</summary>
        /// <param name="message">what went wrong</param>
        /// <param name="status">the library's status for the failed call</param>
        /// <param name="responseCode">the HTTP status of bunq's answer, 0 when bunq did not answer</param>
        /// <param name="descriptions">bunq's <c>error_description</c> texts</param>
        /// <param name="responseId">the <c>X-Bunq-Client-Response-Id</c> of bunq's answer</param>
        /// <param name="step">the step of context creation that failed</param>
        public BunqException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message)
        {
            Status = status;
            ResponseCode = responseCode;
            Descriptions = descriptions ?? NoDescriptions;
            ResponseId = responseId;
            Step = step;
        }

        /// <summary>The library's status for the failed call.</summary>
        public Status Status { get; }

        /// <summary>The HTTP status of bunq's error answer (e.g. 404), or 0 when the failure
        /// was not an answer from bunq.</summary>
        public int ResponseCode { get; }

        /// <summary>bunq's <c>error_description</c> texts; empty when there were none.</summary>
        public IReadOnlyList<string> Descriptions { get; }

        /// <summary>The <c>X-Bunq-Client-Response-Id</c> of bunq's error answer, the id to
        /// quote to bunq support; null when there was none.</summary>
        public string ResponseId { get; }

        /// <summary>The step of context creation that failed (<c>installation</c>,
        /// <c>device-server</c>, <c>session-server</c>,
        /// <c>payment-service-provider-credential</c>), or null.</summary>
        public string Step { get; }
    }

    /// <summary>bunq answered with an error status: see <see cref="BunqException.ResponseCode"/>,
    /// <see cref="BunqException.Descriptions"/> and <see cref="BunqException.ResponseId"/>.</summary>
    public class ApiException : BunqException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public ApiException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>bunq answered 400 Bad Request.</summary>
    public class BadRequestException : ApiException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public BadRequestException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>bunq answered 401 Unauthorized (after the library's one session renewal).</summary>
    public class UnauthorizedException : ApiException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public UnauthorizedException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>bunq answered 403 Forbidden.</summary>
    public class ForbiddenException : ApiException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public ForbiddenException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>bunq answered 404 Not Found.</summary>
    public class NotFoundException : ApiException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public NotFoundException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>bunq answered 405 Method Not Allowed.</summary>
    public class MethodNotAllowedException : ApiException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public MethodNotAllowedException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>bunq answered 429 Too Many Requests, after the configured retries
    /// (<see cref="BunqException.Status"/> is then <see cref="Status.ErrorRateLimited"/>).</summary>
    public class TooManyRequestsException : ApiException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public TooManyRequestsException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>bunq answered 500 Internal Server Error.</summary>
    public class PleaseContactBunqException : ApiException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public PleaseContactBunqException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>bunq answered with another error status.</summary>
    public class UnknownApiErrorException : ApiException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public UnknownApiErrorException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>A signature was wrong or missing: bunq's answer was refused (it was not
    /// signed by bunq's key), or a verification failed.</summary>
    public class SignatureException : BunqException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public SignatureException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>The connection failed: DNS, refused, reset, TLS, proxy, a truncated answer.</summary>
    public class TransportException : BunqException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public TransportException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>A connect or read timeout passed before bunq answered. (With
    /// <c>using System;</c> in scope, write <c>Bunq.TimeoutException</c>: System has one too.)</summary>
    public class TimeoutException : TransportException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public TimeoutException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>JSON that was not JSON, or lacked or misspelt a field (a configuration, a
    /// saved context, an answer).</summary>
    public class JsonException : BunqException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public JsonException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>Reading or writing a file failed.</summary>
    public class IoException : BunqException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public IoException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>An argument was unusable: a bad PEM, URL or method, an empty API key, a text
    /// with a NUL character, ...</summary>
    public class InvalidInputException : BunqException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public InvalidInputException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>A required argument was null.</summary>
    public class NullArgumentException : InvalidInputException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public NullArgumentException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>A text was not valid UTF-8: an argument that cannot be encoded as UTF-8, or
    /// an answer asked for as text that is not UTF-8.</summary>
    public class InvalidUtf8Exception : InvalidInputException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public InvalidUtf8Exception(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>A bug in the library (a panic caught at its boundary): please report it.</summary>
    public class PanicException : BunqException
    {
        /// <inheritdoc cref="BunqException(string, Status, int, IReadOnlyList{string}, string, string)"/>
        public PanicException(
            string message, Status status, int responseCode = 0,
            IReadOnlyList<string> descriptions = null, string responseId = null, string step = null)
            : base(message, status, responseCode, descriptions, responseId, step)
        {
        }
    }

    /// <summary>libbunq could not be loaded, or is not the ABI version this assembly was
    /// written for (<see cref="Library.ExpectedAbiVersion"/>).</summary>
    public class LibraryLoadException : Exception
    {
        /// <summary>An exception saying why the library is unusable.</summary>
        public LibraryLoadException(string message, Exception innerException = null)
            : base(message, innerException)
        {
        }
    }
}
