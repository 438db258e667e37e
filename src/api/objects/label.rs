//! Labels: how bunq shows an account or a user to the other side of a payment.

use serde_json::Value;

use super::Pointer;

api_part! {
    /// An account as the other side sees it: IBAN, name, avatar, user. What a payment's `alias` and `counterparty_alias` hold.
    pub struct LabelMonetaryAccount {
        /// The IBAN, when the account has one.
        iban: String,
        /// The name shown for the account.
        display_name: String,
        /// The avatar.
        avatar: Value,
        /// The user behind the account.
        label_user: LabelUser,
        /// The country, ISO 3166-1 alpha-2.
        country: String,
        /// The bunq.me alias, if any.
        bunq_me: Pointer,
        /// Whether the account is a light account.
        is_light: bool,
        /// The BIC of an international account.
        swift_bic: String,
        /// The account number of an international account.
        swift_account_number: String,
        /// The merchant category code, for a merchant.
        merchant_category_code: String,
    }
}

api_part! {
    /// A user as others see them.
    pub struct LabelUser {
        /// The user's public UUID.
        uuid: String,
        /// The name shown for the user.
        display_name: String,
        /// The country, ISO 3166-1 alpha-2.
        country: String,
        /// The avatar.
        avatar: Value,
        /// The public nickname.
        public_nick_name: String,
    }
}
