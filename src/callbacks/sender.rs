//! Whether a callback came from an address bunq publishes for its callbacks.
//!
//! bunq documents that production callbacks come from `185.40.108.0/22` and that "the IP
//! addresses might change" (it promises to announce changes); sandbox callbacks come from
//! changing cloud addresses, so no check of this kind is possible there. An address check
//! only narrows who can reach a receiver: it verifies nothing about the body (bunq signs no
//! callback), and anything behind a proxy must take the address from the proxy's header,
//! which the proxy must set itself.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use crate::error::{Error, Result, excerpt};

/// The address ranges bunq publishes for production callbacks (DESCRIPTION.md § Callbacks,
/// "Receiving callbacks"). The sandbox has none.
pub const BUNQ_PRODUCTION_CALLBACK_RANGES: [&str; 1] = ["185.40.108.0/22"];

/// A block of IPv4 or IPv6 addresses in CIDR notation (`185.40.108.0/22`, `2001:db8::/32`);
/// a single address stands for itself (`/32`, `/128`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpRange {
    network: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// Parses `ADDRESS/PREFIX` or a lone address.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) for anything else, a
    /// prefix longer than the address, or an address with bits set beyond its prefix
    /// (`185.40.108.1/22`: probably a typo, so it is not silently widened).
    pub fn parse(text: &str) -> Result<IpRange> {
        let invalid = |why: &str| {
            Error::invalid_input(format!("{} is not an address range: {why}", excerpt(text)))
        };
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text.trim(), None),
        };
        let network: IpAddr = address
            .parse()
            .map_err(|_| invalid("expected an IPv4 or IPv6 address before the '/'"))?;
        let width = bit_width(network);
        let prefix = match prefix {
            None => width,
            Some(digits) => digits
                .parse::<u8>()
                .ok()
                .filter(|prefix| *prefix <= width)
                .ok_or_else(|| invalid(&format!("the prefix must be 0 to {width}")))?,
        };
        let range = IpRange { network, prefix };
        if range.masked(network) != bits(network) {
            return Err(invalid(
                "it has address bits set beyond its prefix (write the network's first address)",
            ));
        }
        Ok(range)
    }

    /// Whether `address` lies in the range. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`,
    /// what a dual-stack socket reports for an IPv4 peer) counts as its IPv4 address.
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = match (self.network, address) {
            (IpAddr::V4(_), IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => return false,
            },
            (IpAddr::V6(_), IpAddr::V4(v4)) => IpAddr::V6(v4.to_ipv6_mapped()),
            _ => address,
        };
        self.masked(address) == bits(self.network)
    }

    /// The range's first address.
    pub fn network(&self) -> IpAddr {
        self.network
    }

    /// The number of leading bits every address of the range shares.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// `address`'s bits with those beyond the prefix cleared; `address` is of the range's
    /// family.
    fn masked(&self, address: IpAddr) -> u128 {
        let width = bit_width(address);
        let host_bits = u32::from(width - self.prefix.min(width));
        let mask = u128::MAX.checked_shl(host_bits).unwrap_or(0);
        bits(address) & mask
    }
}

fn bit_width(address: IpAddr) -> u8 {
    match address {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

fn bits(address: IpAddr) -> u128 {
    match address {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

impl FromStr for IpRange {
    type Err = Error;

    fn from_str(text: &str) -> Result<IpRange> {
        IpRange::parse(text)
    }
}

impl fmt::Display for IpRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// The address ranges callbacks are accepted from: bunq's published production ranges by
/// default ([`SenderRanges::production`]), or a list of your own when bunq announces a change
/// (or for a test: the fake bunq delivers from loopback).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderRanges {
    ranges: Vec<IpRange>,
}

impl SenderRanges {
    /// [`BUNQ_PRODUCTION_CALLBACK_RANGES`].
    pub fn production() -> SenderRanges {
        let ranges = BUNQ_PRODUCTION_CALLBACK_RANGES
            .iter()
            .filter_map(|range| IpRange::parse(range).ok())
            .collect();
        SenderRanges { ranges }
    }

    /// The given ranges (`ADDRESS/PREFIX` or single addresses). An empty list accepts no
    /// address.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the first range
    /// that does not parse (see [`IpRange::parse`]).
    pub fn new<I, S>(ranges: I) -> Result<SenderRanges>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let ranges = ranges
            .into_iter()
            .map(|range| IpRange::parse(range.as_ref()))
            .collect::<Result<_>>()?;
        Ok(SenderRanges { ranges })
    }

    /// The ranges.
    pub fn ranges(&self) -> &[IpRange] {
        &self.ranges
    }

    /// Whether `address` lies in one of the ranges.
    pub fn contains(&self, address: IpAddr) -> bool {
        self.ranges.iter().any(|range| range.contains(address))
    }

    /// [`contains`](Self::contains) for an address as text, in any form
    /// [`parse_sender_address`] reads.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) when `address` is not an
    /// address.
    pub fn contains_text(&self, address: &str) -> Result<bool> {
        Ok(self.contains(parse_sender_address(address)?))
    }
}

impl Default for SenderRanges {
    fn default() -> SenderRanges {
        SenderRanges::production()
    }
}

/// Whether `address` lies in bunq's published production callback range
/// ([`BUNQ_PRODUCTION_CALLBACK_RANGES`]). Never true for sandbox callbacks, which come from
/// changing cloud addresses.
pub fn is_from_bunq(address: IpAddr) -> bool {
    SenderRanges::production().contains(address)
}

/// A peer address as servers report it: `185.40.108.7`, `::ffff:185.40.108.7`, or with a
/// port (`185.40.108.7:443`, `[2001:db8::1]:443`).
///
/// # Errors
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) for anything else.
pub fn parse_sender_address(text: &str) -> Result<IpAddr> {
    let text = text.trim();
    text.parse::<IpAddr>()
        .or_else(|_| text.parse::<SocketAddr>().map(|socket| socket.ip()))
        .map_err(|_| {
            Error::invalid_input(format!(
                "{} is not an IP address (with or without a port)",
                excerpt(text)
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_production_range_holds_exactly_its_1024_addresses() {
        for inside in ["185.40.108.0", "185.40.109.77", "185.40.111.255"] {
            assert!(is_from_bunq(ip(inside)), "{inside}");
        }
        for outside in [
            "185.40.107.255",
            "185.40.112.0",
            "10.0.0.1",
            "127.0.0.1",
            "::1",
        ] {
            assert!(!is_from_bunq(ip(outside)), "{outside}");
        }
    }

    #[test]
    fn ipv4_mapped_ipv6_counts_as_ipv4() {
        assert!(is_from_bunq(ip("::ffff:185.40.108.9")));
        assert!(!is_from_bunq(ip("::ffff:185.40.112.9")));
        // Not a mapped address: the same low bits in another IPv6 address do not count.
        assert!(!is_from_bunq(ip("::185.40.108.9")));
        assert!(!is_from_bunq(ip("2001:db8::b928:6c09")));
        let mapped_v6 = SenderRanges::new(["::ffff:0:0/96"]).unwrap();
        assert!(mapped_v6.contains(ip("185.40.108.9")));
    }

    #[test]
    fn ranges_are_configurable_in_both_families() {
        let ranges = SenderRanges::new(["2001:db8::/32", "127.0.0.2", "10.1.0.0/16"]).unwrap();
        assert!(ranges.contains(ip("2001:db8:ffff::1")));
        assert!(!ranges.contains(ip("2001:db9::1")));
        assert!(ranges.contains(ip("127.0.0.2")));
        assert!(!ranges.contains(ip("127.0.0.1")));
        assert!(ranges.contains(ip("10.1.200.3")));
        assert!(!ranges.contains(ip("185.40.108.1")));
        assert!(ranges.contains_text("[2001:db8::5]:443").unwrap());
        assert!(ranges.contains_text(" 10.1.2.3:80 ").unwrap());
        let everything = SenderRanges::new(["0.0.0.0/0", "::/0"]).unwrap();
        assert!(everything.contains(ip("8.8.8.8")) && everything.contains(ip("::1")));
        assert!(
            !SenderRanges::new(Vec::<String>::new())
                .unwrap()
                .contains(ip("8.8.8.8"))
        );
        assert_eq!(SenderRanges::default(), SenderRanges::production());
        assert_eq!(
            SenderRanges::production().ranges()[0].to_string(),
            "185.40.108.0/22"
        );
    }

    #[test]
    fn bad_ranges_and_addresses_are_refused() {
        for bad in [
            "",
            "185.40.108.0/",
            "185.40.108.0/33",
            "::/129",
            "185.40.108.1/22",
            "185.40.108.0/-1",
            "bunq.com/22",
            "185.40.108.0/22/1",
        ] {
            let error = IpRange::parse(bad).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{bad}");
        }
        assert!(SenderRanges::new(["185.40.108.0/22", "nonsense"]).is_err());
        for bad in ["", "localhost", "185.40.108", "1.2.3.4:99999", "[::1]"] {
            let error = parse_sender_address(bad).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{bad}");
        }
    }
}
