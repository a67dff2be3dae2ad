//! Solidity events as the EventWriter system contract (0x800d) writes them: `emit` in a
//! system contract is a system call to EventWriter with the topics in registers and the data as
//! calldata, and EventWriter turns them into `log.event` words under its own address
//! (era-contracts v26 `EventWriter.yul`).

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use zkstack_vm::world::NativeCall;

use super::addresses::EVENT_WRITER;
use super::calldata::{Calldata, Step};

/// Emits an event of `emitter` with `topics` (the signature first for a non-anonymous event)
/// and `data`, word for word as EventWriter does: `(data length << 32 | topics + 1, emitter)`
/// flagged first, then the topics two by two with a data word filling an odd slot, then the
/// rest of the data two words at a time (zero past its end).
///
/// # Errors
/// [`super::calldata::Exit::Panic`] in a static call (EventWriter's `event_write` would panic)
/// or with more than 4 topics (EventWriter reverts, which Solidity's `emit` turns into a revert
/// that the callers here never expect; treated as a panic).
pub fn emit_raw(
    call: &mut NativeCall<'_>,
    emitter: Address,
    topics: &[B256],
    data: &[u8],
) -> Step<()> {
    if topics.len() > 4 {
        return Err(super::calldata::Exit::Panic);
    }
    let cd = Calldata::new(data);
    let t = |i: usize| topics.get(i).map_or(U256::ZERO, |t| U256::from_be_bytes(t.0));
    let own = call.act_as(EVENT_WRITER);
    let result = (|| -> Step<()> {
        let initializer = (U256::from(data.len()) << 32) + U256::from(topics.len() + 1);
        call.emit_event(initializer, U256::from_be_slice(emitter.as_slice()), true)?;
        let mut cursor = 0usize;
        match topics.len() {
            1 => {
                call.emit_event(t(0), cd.load_u256(0), false)?;
                cursor = 32;
            }
            2 => call.emit_event(t(0), t(1), false)?,
            3 => {
                call.emit_event(t(0), t(1), false)?;
                call.emit_event(t(2), cd.load_u256(0), false)?;
                cursor = 32;
            }
            4 => {
                call.emit_event(t(0), t(1), false)?;
                call.emit_event(t(2), t(3), false)?;
            }
            _ => {}
        }
        while cursor < data.len() {
            call.emit_event(cd.load_u256(cursor), cd.load_u256(cursor + 32), false)?;
            cursor += 64;
        }
        Ok(())
    })();
    call.act_as(own);
    result
}

/// Emits a `sol!` event of `emitter` (`emit E(...)` in the contract).
///
/// # Errors
/// As [`emit_raw`].
pub fn emit<E: SolEvent>(call: &mut NativeCall<'_>, emitter: Address, event: &E) -> Step<()> {
    let log = event.encode_log_data();
    emit_raw(call, emitter, log.topics(), &log.data)
}
