//! A tracer that describes every cycle in one line of assembly.

use crate::asm::print;
use crate::decode::decode;
use crate::exec::Instr;
use crate::memory::Memory;
use crate::program::code_page::{instruction_word, split_pc};
use crate::state::State;
use crate::tracer::Tracer;

/// Calls `sink` before every cycle with one line: call depth, pc, ergs left and the instruction
/// in assembly (code-page operands print as `@__data[word]`, absolute; words the assembler
/// cannot spell print as hex; a pending exception prints as `ret.panic (exception)`).
///
/// ```
/// use zkstack_vm::run::{ContractRun, LineTracer};
///
/// let code = zkstack_vm::asm::assemble("\t.text\nmain:\n\tadd 7, r0, r2\n\tret.ok r0\n").unwrap();
/// let mut lines = Vec::new();
/// ContractRun::new(code).run_with_tracer(LineTracer(|l: String| lines.push(l))).unwrap();
/// assert!(lines[0].contains("add #7, r0, r2"), "{}", lines[0]);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct LineTracer<F: FnMut(String)>(pub F);

impl<F: FnMut(String)> Tracer for LineTracer<F> {
    fn before_instruction(&mut self, state: &State, _memory: &Memory, instr: &Instr) {
        let frame = &state.current;
        let (index, quarter) = split_pc(frame.pc);
        let word = instruction_word(&frame.code.word(index), quarter);
        let decoded = decode(word);
        let text = if Instr::new(&decoded) == *instr {
            print::instruction(&decoded, 0).unwrap_or_else(|| format!("{word:#018x}"))
        } else {
            "ret.panic (exception)".to_owned()
        };
        (self.0)(format!(
            "depth {} pc {} ergs {} sp {}: {text}",
            state.depth, frame.pc, frame.ergs, frame.sp
        ));
    }
}
