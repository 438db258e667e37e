//! Calls by name: an operation of bunq's API table, checked before anything is signed or
//! sent, its answer unwrapped as the table says (see [`crate::api`]).

use std::collections::VecDeque;

use crate::api::{self, Answer, AnswerKind, ApiObject, Call, PreparedCall};
use crate::error::{Error, Result};

use super::{Client, Pages};

impl Client {
    /// Calls the operation `call` names (e.g. `Payment.create`) and returns its answer as the
    /// table says: the object, the objects of a list (every page, walked now: see
    /// [`objects`](Self::objects) to walk them as you read), the id or UUID made, the bytes.
    ///
    /// `user_id` defaults to the session's user; every other id is required. A wrong name,
    /// a missing, extra or malformed id, or a body where the operation takes none is an
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) error before anything is sent.
    ///
    /// ```no_run
    /// use bunq::api::{Answer, Call};
    /// use serde_json::json;
    ///
    /// # fn main() -> bunq::Result<()> {
    /// let client = bunq::Client::restore("bunq.conf")?;
    /// let payment = Call::new("Payment.create")
    ///     .id("monetary_account_id", 7)
    ///     .body(json!({
    ///         "amount": {"value": "0.01", "currency": "EUR"},
    ///         "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com"},
    ///         "description": "a test payment",
    ///     }));
    /// if let Answer::Id(id) = client.call(&payment)? {
    ///     println!("payment {id}");
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn call(&self, call: &Call) -> Result<Answer> {
        let prepared = self.prepare(call)?;
        let operation = prepared.operation();
        if operation.answer() == AnswerKind::List {
            let objects = self.objects_of(prepared)?.collect::<Result<Vec<_>>>()?;
            return Ok(Answer::List(objects));
        }
        api::unwrap_answer(operation, &self.send(prepared.request())?)
    }

    /// The objects a list operation (e.g. `Payment.list`) answers, page after page, each page
    /// fetched when the iteration reaches it. The operation must answer a list: another is
    /// an [`InvalidInput`](crate::ErrorKind::InvalidInput) error (use [`call`](Self::call)).
    pub fn objects(&self, call: &Call) -> Result<Objects<'_>> {
        let prepared = self.prepare(call)?;
        self.objects_of(prepared)
    }

    /// The call checked against the table and its request built, with the session user's id
    /// when the call leaves `user_id` out (opening a session for it if there is none). Nothing
    /// is sent: for callers that send the request their own way (add a header, walk its
    /// pages with [`pages`](Self::pages)).
    pub fn prepare(&self, call: &Call) -> Result<PreparedCall> {
        let user_id = match call.needs_default_user_id()? {
            true => Some(self.user_id()?),
            false => None,
        };
        call.prepare(user_id)
    }

    fn objects_of(&self, prepared: PreparedCall) -> Result<Objects<'_>> {
        let operation = prepared.operation();
        let key = match (operation.answer(), operation.object_key()) {
            (AnswerKind::List, Some(key)) => key,
            _ => {
                return Err(Error::invalid_input(format!(
                    "{} answers {}, not a list: call it with Client::call",
                    operation.name(),
                    operation.answer().as_str()
                )));
            }
        };
        Ok(Objects {
            pages: self.pages(prepared.into_request()),
            key,
            read: VecDeque::new(),
        })
    }
}

/// The objects of a list, newest first, across its pages: each page is fetched when the
/// iteration reaches it. An error (a refused page, an answer without the list's objects)
/// ends the iteration.
#[derive(Debug)]
pub struct Objects<'a> {
    pages: Pages<'a>,
    key: &'static str,
    read: VecDeque<ApiObject>,
}

impl Objects<'_> {
    /// The `future_url` of the first page, where objects newer than these will appear (see
    /// [`Pages::future_url`]).
    pub fn future_url(&self) -> Option<&str> {
        self.pages.future_url()
    }
}

impl Iterator for Objects<'_> {
    type Item = Result<ApiObject>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(object) = self.read.pop_front() {
                return Some(Ok(object));
            }
            let page = match self.pages.next()? {
                Ok(page) => page,
                Err(error) => return Some(Err(error)),
            };
            match api::unwrap_page(&page, self.key) {
                Ok(objects) => self.read.extend(objects),
                Err(error) => return Some(Err(error)),
            }
        }
    }
}
