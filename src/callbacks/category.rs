//! The notification categories bunq documents, and room for the ones it adds later.

use std::fmt;

/// What a callback (or a notification filter) is about.
///
/// The categories of bunq's documentation (§ Callbacks) and of its API description
/// (`NotificationFilter.category`) are variants; any other name bunq may send later is kept
/// as [`Category::Other`], so that a new category never makes a callback unreadable.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Category {
    /// `BILLING`: bunq invoices.
    Billing,
    /// `CARD_TRANSACTION_SUCCESSFUL`: successful card transactions.
    CardTransactionSuccessful,
    /// `CARD_TRANSACTION_FAILED`: failed card transactions.
    CardTransactionFailed,
    /// `CHAT`: received chat messages.
    Chat,
    /// `DRAFT_PAYMENT`: creation and updates of draft payments.
    DraftPayment,
    /// `IDEAL`: iDEAL deposits towards a bunq account.
    Ideal,
    /// `SOFORT`: SOFORT deposits towards a bunq account.
    Sofort,
    /// `MONETARY_ACCOUNT_PROFILE`: listed by bunq's API description only.
    MonetaryAccountProfile,
    /// `MUTATION`: anything that changes a monetary account's balance.
    Mutation,
    /// `OAUTH`: revoked OAuth connections.
    OAuth,
    /// `PAYMENT`: payments made from or received on an account (not those that pay a
    /// request, iDEAL, SOFORT or an invoice); outgoing ones have a negative amount.
    Payment,
    /// `PROMOTION`: listed by bunq's API description only.
    Promotion,
    /// `REQUEST`: incoming requests and updates of outgoing ones.
    Request,
    /// `SCHEDULE_RESULT`: a scheduled payment was executed.
    ScheduleResult,
    /// `SCHEDULE_STATUS`: a scheduled payment was updated or cancelled.
    ScheduleStatus,
    /// `SHARE`: creation and updates of Connects (`ShareInviteBankInquiry`).
    Share,
    /// `TAB_RESULT`: updates of Tab payments.
    TabResult,
    /// `BUNQME_TAB`: updates of bunq.me Tab (open request) payments.
    BunqMeTab,
    /// `SUPPORT`: messages from bunq's support chat.
    Support,
    /// `USER_APPROVAL`: listed by bunq's API description only.
    UserApproval,
    /// A category this crate does not know, exactly as bunq wrote it.
    Other(String),
}

/// Every known category with its name, in the order of bunq's documentation.
const KNOWN: [(Category, &str); 20] = [
    (Category::Billing, "BILLING"),
    (
        Category::CardTransactionSuccessful,
        "CARD_TRANSACTION_SUCCESSFUL",
    ),
    (Category::CardTransactionFailed, "CARD_TRANSACTION_FAILED"),
    (Category::Chat, "CHAT"),
    (Category::DraftPayment, "DRAFT_PAYMENT"),
    (Category::Ideal, "IDEAL"),
    (Category::Sofort, "SOFORT"),
    (Category::MonetaryAccountProfile, "MONETARY_ACCOUNT_PROFILE"),
    (Category::Mutation, "MUTATION"),
    (Category::OAuth, "OAUTH"),
    (Category::Payment, "PAYMENT"),
    (Category::Promotion, "PROMOTION"),
    (Category::Request, "REQUEST"),
    (Category::ScheduleResult, "SCHEDULE_RESULT"),
    (Category::ScheduleStatus, "SCHEDULE_STATUS"),
    (Category::Share, "SHARE"),
    (Category::TabResult, "TAB_RESULT"),
    (Category::BunqMeTab, "BUNQME_TAB"),
    (Category::Support, "SUPPORT"),
    (Category::UserApproval, "USER_APPROVAL"),
];

impl Category {
    /// The category named `name`: a known one (exact, upper-case spelling, as bunq writes
    /// them), or [`Category::Other`] holding `name` unchanged.
    pub fn parse(name: &str) -> Category {
        KNOWN
            .iter()
            .find(|(_, known)| *known == name)
            .map(|(category, _)| category.clone())
            .unwrap_or_else(|| Category::Other(name.to_owned()))
    }

    /// bunq's name of the category, e.g. `PAYMENT`.
    pub fn as_str(&self) -> &str {
        match self {
            Category::Other(name) => name,
            known => KNOWN
                .iter()
                .find(|(category, _)| category == known)
                .map(|(_, name)| *name)
                .unwrap_or_default(),
        }
    }

    /// Whether bunq documents this category (it is not [`Category::Other`]).
    pub fn is_known(&self) -> bool {
        !matches!(self, Category::Other(_))
    }

    /// Every category bunq documents.
    pub fn known() -> impl Iterator<Item = Category> {
        KNOWN.into_iter().map(|(category, _)| category)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_name_round_trips() {
        for category in Category::known() {
            assert!(category.is_known());
            assert_eq!(Category::parse(category.as_str()), category);
        }
        assert_eq!(Category::known().count(), KNOWN.len());
    }

    #[test]
    fn unknown_names_are_kept_as_text() {
        let category = Category::parse("NEW_THING");
        assert_eq!(category, Category::Other("NEW_THING".to_owned()));
        assert_eq!(category.as_str(), "NEW_THING");
        assert!(!category.is_known());
        // bunq writes upper case; another spelling is not silently taken for a known one.
        assert_eq!(
            Category::parse("payment"),
            Category::Other("payment".to_owned())
        );
        assert_eq!(Category::Mutation.to_string(), "MUTATION");
    }
}
