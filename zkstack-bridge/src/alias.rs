//! L1→L2 address aliasing (era-contracts `vendor/AddressAliasHelper.sol`): a contract calling
//! from L1 appears on L2 as its address plus `0x1111000000000000000000000000000000001111`
//! (modulo 2^160), so it cannot impersonate an L2 account with the same address.

use alloy_primitives::{Address, U160, address};

/// The alias offset.
pub const L1_TO_L2_ALIAS_OFFSET: Address = address!("0x1111000000000000000000000000000000001111");

/// `applyL1ToL2Alias`: `l1 + offset` (wrapping).
pub fn apply_l1_to_l2_alias(l1_address: Address) -> Address {
    let sum = U160::from_be_bytes(l1_address.0.0)
        .wrapping_add(U160::from_be_bytes(L1_TO_L2_ALIAS_OFFSET.0.0));
    Address::from(sum.to_be_bytes::<20>())
}

/// `undoL1ToL2Alias`: `l2 - offset` (wrapping).
pub fn undo_l1_to_l2_alias(l2_address: Address) -> Address {
    let diff = U160::from_be_bytes(l2_address.0.0)
        .wrapping_sub(U160::from_be_bytes(L1_TO_L2_ALIAS_OFFSET.0.0));
    Address::from(diff.to_be_bytes::<20>())
}

/// `actualRefundRecipient`: with no recipient, the caller (aliased unless it is the EOA that
/// sent the L1 transaction); a recipient with code on L1 is aliased; else the recipient itself.
pub fn actual_refund_recipient(
    refund_recipient: Address,
    original_caller: Address,
    caller_is_tx_origin: bool,
    recipient_has_code: bool,
) -> Address {
    if refund_recipient == Address::ZERO {
        if caller_is_tx_origin { original_caller } else { apply_l1_to_l2_alias(original_caller) }
    } else if recipient_has_code {
        apply_l1_to_l2_alias(refund_recipient)
    } else {
        refund_recipient
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
