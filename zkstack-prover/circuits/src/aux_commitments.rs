//! `aux-commitments INPUT.json`: a batch's two auxiliary commitments computed by zkSync's own
//! `circuit_encodings::commitments` (`events_queue_commitment_fixed`,
//! `initial_heap_content_commitment_fixed`), the reference that `zkstack_prover::aux_commitments`
//! is tested against.
//!
//! Input: `{"events": [EVENT...], "heap": "0x..."}` where an EVENT names every field of zk_evm's
//! `LogQuery` (`timestamp`, `tx_number_in_block`, `aux_byte`, `shard_id` as numbers; `address`,
//! `key`, `read_value`, `written_value` as big-endian hex; `rw_flag`, `rollback`, `is_service` as
//! booleans) and `heap` is the bootloader's initial heap as bytes; instead of `heap`, the heap
//! may be given as zksync-era stores it: `"heap_words": [[SLOT, "0x..."], ...]` and
//! `"heap_len": BYTES`, expanded as its commitment generator does (`expand_memory_contents`:
//! zeros, then each word big-endian at `SLOT * 32`). Output: one JSON object with
//! `events_queue_commitment` and `bootloader_initial_content_commitment` as 0x-hex.

use circuit_encodings::commitments::{
    events_queue_commitment_fixed, initial_heap_content_commitment_fixed,
};
use circuit_encodings::zk_evm::aux_structures::{LogQuery, Timestamp};
use circuit_encodings::zk_evm::ethereum_types::{Address, U256};
use serde_json::Value;

/// Reads the input file, computes both commitments and returns the output JSON.
pub fn run(input: &std::path::Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let json: Value = serde_json::from_str(&text).map_err(|e| format!("input JSON: {e}"))?;
    let events = json["events"]
        .as_array()
        .ok_or("`events` must be an array")?
        .iter()
        .map(event)
        .collect::<Result<Vec<_>, _>>()?;
    let heap = match json["heap"].as_str() {
        Some(text) => hex(text)?,
        None => expand(&json)?,
    };
    Ok(serde_json::json!({
        "events_queue_commitment": to_hex(&events_queue_commitment_fixed(&events)),
        "bootloader_initial_content_commitment":
            to_hex(&initial_heap_content_commitment_fixed(&heap)),
    }))
}

fn event(value: &Value) -> Result<LogQuery, String> {
    let number = |name: &str, max: u64| {
        value[name]
            .as_u64()
            .filter(|n| *n <= max)
            .ok_or(format!("event `{name}` must be a number <= {max}"))
    };
    let flag = |name: &str| value[name].as_bool().ok_or(format!("event `{name}` must be a bool"));
    let word = |name: &str| -> Result<U256, String> {
        let bytes = hex(value[name].as_str().ok_or(format!("event `{name}` must be hex"))?)?;
        if bytes.len() > 32 {
            return Err(format!("event `{name}` is longer than 32 bytes"));
        }
        Ok(U256::from_big_endian(&bytes))
    };
    let address = hex(value["address"].as_str().ok_or("event `address` must be hex")?)?;
    if address.len() != 20 {
        return Err("event `address` must be 20 bytes".to_owned());
    }
    Ok(LogQuery {
        timestamp: Timestamp(number("timestamp", u64::from(u32::MAX))? as u32),
        tx_number_in_block: number("tx_number_in_block", u64::from(u16::MAX))? as u16,
        aux_byte: number("aux_byte", 255)? as u8,
        shard_id: number("shard_id", 255)? as u8,
        address: Address::from_slice(&address),
        key: word("key")?,
        read_value: word("read_value")?,
        written_value: word("written_value")?,
        rw_flag: flag("rw_flag")?,
        rollback: flag("rollback")?,
        is_service: flag("is_service")?,
    })
}

fn expand(json: &Value) -> Result<Vec<u8>, String> {
    let len = json["heap_len"].as_u64().ok_or("`heap` or `heap_len` is missing")?;
    let mut heap = vec![0u8; usize::try_from(len).map_err(|e| e.to_string())?];
    for word in json["heap_words"].as_array().ok_or("`heap_words` must be an array")? {
        let slot = word[0].as_u64().ok_or("a heap word's slot must be a number")? as usize;
        let bytes = hex(word[1].as_str().ok_or("a heap word's value must be hex")?)?;
        if bytes.len() > 32 {
            return Err(format!("heap word {slot} is longer than 32 bytes"));
        }
        let value = U256::from_big_endian(&bytes);
        let dst = heap
            .get_mut(slot * 32..(slot + 1) * 32)
            .ok_or(format!("heap word {slot} is outside the heap"))?;
        value.to_big_endian(dst);
    }
    Ok(heap)
}

fn hex(text: &str) -> Result<Vec<u8>, String> {
    let digits = text.strip_prefix("0x").unwrap_or(text).as_bytes();
    if digits.len() % 2 != 0 {
        return Err(format!("odd-length hex: {text}"));
    }
    let nibble = |c: u8| (c as char).to_digit(16).ok_or(format!("not hex: {text}"));
    digits.chunks(2).map(|p| Ok((nibble(p[0])? * 16 + nibble(p[1])?) as u8)).collect()
}

fn to_hex(bytes: &[u8]) -> String {
    let mut out = String::from("0x");
    for b in bytes {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
