//! L1→L2 address aliasing (era-contracts `vendor/AddressAliasHelper.sol`): a contract calling
//! from L1 appears on L2 as its address plus `0x1111000000000000000000000000000000001111`
//! (modulo 2^160), so it cannot impersonate an L2 account with the same address.
//!
//! The helpers are the Mailbox's, from `zkstack_l1::mailbox`.

pub use zkstack_l1::mailbox::{
    L1_TO_L2_ALIAS_OFFSET, actual_refund_recipient, apply_l1_to_l2_alias, undo_l1_to_l2_alias,
};

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{Address, address};
    use proptest::prelude::*;

    /// Values follow from the offset's definition; the wrap-around is Solidity's `unchecked` add.
    #[test]
    fn aliases_known_addresses() {
        assert_eq!(apply_l1_to_l2_alias(Address::ZERO), L1_TO_L2_ALIAS_OFFSET);
        assert_eq!(
            apply_l1_to_l2_alias(address!("0x0000000000000000000000000000000000000001")),
            address!("0x1111000000000000000000000000000000001112")
        );
        assert_eq!(
            apply_l1_to_l2_alias(address!("0xffffffffffffffffffffffffffffffffffffffff")),
            address!("0x1111000000000000000000000000000000001110")
        );
        let contract = address!("0x5a0c575ae5582d250979443d277008f7e32d99a1");
        assert_eq!(actual_refund_recipient(Address::ZERO, contract, true, false), contract);
        assert_eq!(
            actual_refund_recipient(Address::ZERO, contract, false, false),
            apply_l1_to_l2_alias(contract)
        );
        assert_eq!(
            actual_refund_recipient(contract, Address::ZERO, true, true),
            apply_l1_to_l2_alias(contract)
        );
        assert_eq!(actual_refund_recipient(contract, Address::ZERO, false, false), contract);
    }

    proptest! {
        #[test]
        fn undo_inverts_apply(raw in any::<[u8; 20]>()) {
            let a = Address::from(raw);
            prop_assert_eq!(undo_l1_to_l2_alias(apply_l1_to_l2_alias(a)), a);
            prop_assert_eq!(apply_l1_to_l2_alias(undo_l1_to_l2_alias(a)), a);
        }
    }
}
