//! The program to prove: EraVM assembly (`.asm`, assembled by zkevm-assembly), or bytecode as raw
//! bytes or hex text (a whole number of 32-byte words, as `zkstack asm` writes it).

use std::path::Path;

/// Reads the program at `path` as 32-byte bytecode words.
pub fn read_program(path: &Path) -> Result<Vec<[u8; 32]>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if path.extension().is_some_and(|ext| ext == "asm") {
        let source =
            String::from_utf8(bytes).map_err(|_| "the assembly is not UTF-8".to_owned())?;
        let mut assembly =
            zkevm_assembly::Assembly::try_from(source).map_err(|e| format!("assembly: {e:?}"))?;
        return assembly.compile_to_bytecode().map_err(|e| format!("assembly: {e:?}"));
    }
    let raw = match std::str::from_utf8(&bytes) {
        Ok(text) if is_hex_text(text) => decode_hex(text)?,
        _ => bytes,
    };
    if raw.is_empty() || raw.len() % 32 != 0 {
        return Err(format!(
            "bytecode of {} bytes is not a whole number of 32-byte words",
            raw.len()
        ));
    }
    // zk_evm requires an odd number of words (a versioned code hash counts them).
    if (raw.len() / 32) % 2 == 0 {
        return Err("bytecode must have an odd number of 32-byte words".to_owned());
    }
    Ok(raw.chunks_exact(32).map(|w| w.try_into().unwrap_or([0; 32])).collect())
}

fn is_hex_text(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix("0x").unwrap_or(t);
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_hexdigit())
}

fn decode_hex(text: &str) -> Result<Vec<u8>, String> {
    let t = text.trim();
    let t = t.strip_prefix("0x").unwrap_or(t);
    if t.len() % 2 != 0 {
        return Err("hex bytecode has an odd number of digits".to_owned());
    }
    (0..t.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&t[i..i + 2], 16).map_err(|e| format!("hex: {e}")))
        .collect()
}
