//! The sandbox's money, asked for through the client: a request-inquiry to the sugar daddy.

use crate::error::Result;
use crate::sandbox::{refuse_outside_sandbox, sandbox_money_request};

use super::Client;

impl Client {
    /// Asks the sandbox's sugar daddy for `amount_eur` euros (e.g. `"100.00"`, at most
    /// [`SANDBOX_MONEY_LIMIT_EUR`](crate::SANDBOX_MONEY_LIMIT_EUR)) on the session user's
    /// monetary account `account_id`, and returns the id of the request-inquiry made. The
    /// sandbox accepts it at once.
    ///
    /// An amount that is not a plain positive decimal with at most two decimals, or is above
    /// the limit, is refused with [`ErrorKind::InvalidInput`](crate::ErrorKind) before any
    /// network call.
    ///
    /// A sandbox-only helper: a client whose context is not in the sandbox
    /// ([`Environment::is_sandbox`](crate::Environment::is_sandbox) of its environment, at
    /// the base URL this client sends to, is false) gets
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind) before anything is sent.
    pub fn request_sandbox_money(
        &self,
        account_id: u64,
        amount_eur: &str,
        description: &str,
    ) -> Result<u64> {
        let environment = self.sender.environment_of(&self.context.read());
        refuse_outside_sandbox(
            &environment,
            "asking the sugar daddy for sandbox money",
            "this context",
        )?;
        let body = sandbox_money_request(amount_eur, description)?;
        let user_id = self.user_id()?;
        let path = format!("user/{user_id}/monetary-account/{account_id}/request-inquiry");
        self.post(&path, &body)?.id()
    }
}
