//! The fake's own routes under `_fake/`, so that tests in any language can trigger faults
//! through an ordinary client.

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::auth::Caller;
use crate::reply::{ApiError, Reply};
use crate::request::Incoming;
use crate::server::Shared;

/// `POST _fake/expire-session`: the caller's session answers 401 after this answer.
pub(crate) fn expire_session(shared: &Shared, caller: &Caller) -> Result<Reply, ApiError> {
    let token = caller.token()?;
    shared.lock().sessions.remove(token);
    Ok(Reply::ok(Vec::new()))
}

/// `GET _fake/tampered`: a normal-looking answer with a wrong server signature.
pub(crate) fn tampered() -> Reply {
    let mut reply = Reply::ok(vec![json!({ "Fake": { "tampered": true } })]);
    reply.tampered = true;
    reply
}

/// `GET _fake/stats`: `{"calls":{"POST session-server":N,...},"connections":N}`.
pub(crate) fn stats(shared: &Shared) -> Reply {
    let calls: Map<String, Value> = shared
        .lock()
        .calls
        .iter()
        .map(|(key, count)| (key.clone(), json!(count)))
        .collect();
    Reply::json(
        200,
        &json!({ "calls": calls, "connections": shared.connection_count() }),
    )
}

/// `POST _fake/expire-all-sessions`: every session answers 401 from now on.
pub(crate) fn expire_all_sessions(shared: &Shared) -> Reply {
    shared.lock().sessions.clear();
    Reply::ok(Vec::new())
}

/// How long a rendezvous waits for the missing parties before it answers anyway.
const RENDEZVOUS_LIMIT: Duration = Duration::from_secs(10);

/// Requests waiting in `_fake/rendezvous`, in rounds.
#[derive(Default)]
pub(crate) struct Rendezvous {
    /// (requests waiting in the current round, number of the current round)
    round: Mutex<(usize, u64)>,
    everyone_here: Condvar,
}

impl Rendezvous {
    /// Waits until `parties` requests are here (this one included), at most
    /// [`RENDEZVOUS_LIMIT`]; whether they all came.
    fn meet(&self, parties: usize) -> bool {
        let mut round = self.round.lock().unwrap_or_else(PoisonError::into_inner);
        round.0 += 1;
        let this_round = round.1;
        if round.0 >= parties {
            *round = (0, this_round + 1);
            self.everyone_here.notify_all();
            return true;
        }
        let deadline = Instant::now() + RENDEZVOUS_LIMIT;
        while round.1 == this_round {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                round.0 -= 1;
                return false;
            }
            round = self
                .everyone_here
                .wait_timeout(round, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }
}

/// `GET _fake/rendezvous?parties=N`: answers once N such requests are in flight at once (or
/// after 10 s), so that a test can hold N connections open at the same moment, e.g. to see
/// how many of them a client's pool keeps.
pub(crate) fn rendezvous(shared: &Shared, incoming: &Incoming) -> Reply {
    let parties = incoming
        .query_param("parties")
        .and_then(|text| text.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let complete = shared.rendezvous.meet(parties);
    Reply::ok(vec![
        json!({ "Rendezvous": { "parties": parties, "complete": complete } }),
    ])
}
