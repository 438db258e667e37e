//! Payments between the fake's own accounts: a payment to an IBAN of an account the fake
//! holds arrives there, as a payment of its own (another id, a positive amount, the payer's
//! IBAN as counterparty). Payments to any other alias leave the fake, as before.

use serde_json::Value;

use crate::routes::AccountPath;
use crate::state::State;

/// The account of the fake whose IBAN `counterparty_alias` names, if any (IBANs compared
/// without spaces, in any case).
pub(crate) fn receiving_account(state: &State, counterparty_alias: &Value) -> Option<AccountPath> {
    if counterparty_alias["type"] != "IBAN" {
        return None;
    }
    let wanted = normalized(counterparty_alias["value"].as_str()?);
    state.users.iter().find_map(|(user_id, user)| {
        user.accounts
            .values()
            .find(|account| normalized(&account.iban) == wanted)
            .map(|account| AccountPath {
                user_id: *user_id,
                account_id: account.id,
            })
    })
}

fn normalized(iban: &str) -> String {
    iban.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::state::NewUser;

    #[test]
    fn an_iban_of_the_fake_names_its_account() {
        let mut state = State::default();
        let user_id = state.create_user("key", NewUser::Person, 2);
        let account = state.users[&user_id].accounts.values().last().unwrap();
        let (account_id, iban) = (account.id, account.iban.clone());
        let spaced = format!("{} {}", &iban[..4], iban[4..].to_ascii_lowercase());
        for value in [iban.as_str(), spaced.as_str()] {
            let alias = json!({ "type": "IBAN", "value": value, "name": "X" });
            assert_eq!(
                receiving_account(&state, &alias),
                Some(AccountPath {
                    user_id,
                    account_id
                })
            );
        }
        let email = json!({ "type": "EMAIL", "value": iban, "name": "X" });
        assert_eq!(receiving_account(&state, &email), None);
        let elsewhere = json!({ "type": "IBAN", "value": "NL02ABNA0123456789", "name": "X" });
        assert_eq!(receiving_account(&state, &elsewhere), None);
    }
}
