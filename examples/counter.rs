//! A counter contract written in EraVM assembly, assembled with `zkstack_vm::asm`, deployed in
//! the in-memory world next to a contract that calls it, and run.
//!
//! The counter lives at a system address (below 2^16), because only kernel-mode code may emit
//! events; it adds the word it is sent to its slot 0, emits an event with the new value and
//! returns it. The caller, an ordinary user contract, far-calls the counter twice with the
//! amount from its own calldata and keeps the last result in its own storage.
//!
//! Run with `cargo run --example counter`; `cargo test --example counter` checks what it prints.

use zkstack::vm::asm::assemble;
use zkstack::vm::run::{ContractRun, RunOutcome};
use zkstack::vm::{Address, U256};

/// The counter's address: 0xc0de, a kernel address.
const COUNTER: Address =
    Address::new([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xde]);

/// slot0 += calldata word; emit Incremented(new value); return the new value.
const COUNTER_ASM: &str = r"
    .text
    .globl  __entry
__entry:
.main:
    ld      r1, r2              ; the amount: the first calldata word
    sload   r0, r3              ; slot 0
    add     r2, r3, r3
    sstore  r0, r3
    log.event.first r4, r3, r0  ; one-topic event: topic r4 = 0, data = new value
    st.1    r0, r3              ; heap[0..32] = new value
    add     32, r0, r1
    shl.s   96, r1, r1          ; return pointer: heap, start 0, length 32
    ret.ok  r1
";

/// Calls the counter twice with the amount it was sent and stores the result in its slot 7.
const CALLER_ASM: &str = r#"
    .text
    .file   "caller"
    .rodata.cst32
    .p2align 5
CALL_ABI:
    ; 50,000 ergs, calldata = heap[0..32]
    .cell 313855086769334038191789471160385856106318228682004719051210752
COUNTER:
    .cell 49374
    .text
    .globl  __entry
__entry:
.main:
    ld      r1, r2
    st.1    r0, r2              ; heap[0..32] = amount
    add     @CALL_ABI[0], r0, r1
    add     @COUNTER[0], r0, r2
    far_call r1, r2, @failed
    add     @CALL_ABI[0], r0, r1    ; registers do not survive a far call: load them again
    add     @COUNTER[0], r0, r2
    far_call r1, r2, @failed
    ld      r1, r3              ; the counter's answer, through the returned pointer
    add     7, r0, r4
    sstore  r4, r3
    st.1    r0, r3
    add     32, r0, r1
    shl.s   96, r1, r1
    ret.ok  r1
failed:
    ret.revert r0
"#;

/// Runs the caller with `amount` and returns what happened.
fn call_counter(amount: u64) -> Result<RunOutcome, Box<dyn std::error::Error>> {
    let counter = assemble(COUNTER_ASM)?;
    let caller = assemble(CALLER_ASM)?;
    let calldata = U256::from(amount).to_be_bytes::<32>();
    Ok(ContractRun::new(caller).calldata(calldata).deploy(COUNTER, counter).run()?)
}

fn describe(outcome: &RunOutcome) {
    println!("status:      {}", outcome.status.as_str());
    println!("returned:    {}", U256::from_be_slice(&outcome.return_data));
    println!("ergs used:   {}", outcome.ergs_used);
    println!("pubdata:     {}", outcome.pubdata_spent);
    for event in &outcome.events {
        println!("event:       from {} topic {} data {}", event.address, event.key, event.value);
    }
    for write in &outcome.storage_writes {
        println!(
            "storage:     {} slot {}: {} -> {}",
            write.key.address, write.key.key, write.before, write.value
        );
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let outcome = call_counter(21)?;
    describe(&outcome);
    Ok(())
}

#[cfg(test)]
mod tests {
    use zkstack::vm::run::{DEFAULT_ADDRESS, RunStatus};

    use super::*;

    /// The counter adds 21 twice: it ends at 42, emits 21 then 42, and both contracts' slots
    /// hold 42 (the caller's slot 7, the counter's slot 0).
    #[test]
    fn counter_counts() -> Result<(), Box<dyn std::error::Error>> {
        let outcome = call_counter(21)?;
        assert_eq!(outcome.status, RunStatus::Ok);
        assert_eq!(U256::from_be_slice(&outcome.return_data), U256::from(42));
        let events: Vec<_> = outcome.events.iter().map(|e| (e.address, e.value)).collect();
        assert_eq!(events, [(COUNTER, U256::from(21)), (COUNTER, U256::from(42))]);
        let writes: Vec<_> =
            outcome.storage_writes.iter().map(|w| (w.key.address, w.key.key, w.value)).collect();
        assert!(writes.contains(&(COUNTER, U256::ZERO, U256::from(42))), "{writes:?}");
        assert!(writes.contains(&(DEFAULT_ADDRESS, U256::from(7), U256::from(42))), "{writes:?}");
        assert_eq!(writes.len(), 2);
        // The storage oracle charged pubdata for the writes (how much is its pricing's business).
        assert!(outcome.pubdata_spent > 0);
        Ok(())
    }

    /// With too few ergs for the second far call the callee panics and the caller reverts:
    /// nothing it or the counter did survives.
    #[test]
    fn running_out_of_ergs_rolls_everything_back() -> Result<(), Box<dyn std::error::Error>> {
        let counter = assemble(COUNTER_ASM)?;
        let caller = assemble(CALLER_ASM)?;
        let outcome = ContractRun::new(caller)
            .calldata(U256::from(1).to_be_bytes::<32>())
            .deploy(COUNTER, counter)
            .ergs(9_000)
            .run()?;
        assert_ne!(outcome.status, RunStatus::Ok);
        assert!(outcome.events.is_empty());
        assert!(outcome.storage_writes.is_empty());
        Ok(())
    }
}
