//! The VM hooks of the v26 bootloader (bootloader.yul `VM_HOOK_*`; multivm `VmHook`).

/// What the bootloader asks of its host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VmHook {
    /// 0, `VM_HOOK_ACCOUNT_VALIDATION_ENTERED`: account validation starts.
    AccountValidationEntered,
    /// 1, `VM_HOOK_PAYMASTER_VALIDATION_ENTERED`.
    PaymasterValidationEntered,
    /// 2, `VM_HOOK_NO_VALIDATION_ENTERED`: validation is over.
    ValidationExited,
    /// 3, `VM_HOOK_VALIDATION_STEP_ENDED`.
    ValidationStepEnded,
    /// 4, `VM_HOOK_TX_HAS_ENDED`.
    TxHasEnded,
    /// 5, `VM_HOOK_DEBUG_LOG`: params 0 (message) and 1 (value).
    DebugLog,
    /// 6, `VM_HOOK_DEBUG_RETURNDATA`.
    DebugReturnData,
    /// 7, `VM_HOOK_CATCH_NEAR_CALL`.
    NearCallCatch,
    /// 8, `VM_HOOK_ASK_OPERATOR_FOR_REFUND`: params: bootloader refund, gas spent on pubdata,
    /// gas per pubdata.
    AskOperatorForRefund,
    /// 9, `VM_NOTIFY_OPERATOR_ABOUT_FINAL_REFUND`: param 0, the refund.
    NotifyAboutRefund,
    /// 10, `VM_HOOK_EXECUTION_RESULT`: param 0 success, param 1 the returndata pointer.
    PostResult,
    /// 11, `VM_HOOK_FINAL_L2_STATE_INFO`: write the fictive block.
    FinalBatchInfo,
    /// 12, `VM_HOOK_PUBDATA_REQUESTED`.
    PubdataRequested,
}

impl VmHook {
    /// The hook of a stored number, `None` when unknown.
    pub const fn from_number(n: u32) -> Option<Self> {
        Some(match n {
            0 => Self::AccountValidationEntered,
            1 => Self::PaymasterValidationEntered,
            2 => Self::ValidationExited,
            3 => Self::ValidationStepEnded,
            4 => Self::TxHasEnded,
            5 => Self::DebugLog,
            6 => Self::DebugReturnData,
            7 => Self::NearCallCatch,
            8 => Self::AskOperatorForRefund,
            9 => Self::NotifyAboutRefund,
            10 => Self::PostResult,
            11 => Self::FinalBatchInfo,
            12 => Self::PubdataRequested,
            _ => return None,
        })
    }
}
