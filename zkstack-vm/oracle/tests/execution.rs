//! zkstack-vm's interpreter against zk_evm 0.153.12, one cycle at a time.
//!
//! Each case builds one random starting state — registers with and without pointer tags, flags,
//! a caller frame and a current frame (kernel or user, static or not, with 0–3 near frames),
//! heap, aux heap, static-memory and calldata contents, stack slots, sp, ergs, a pending
//! exception now and then — and one random instruction word: any ISA v2 opcode or an invalid
//! one. For far calls
//! the registers are mostly far-call ABI words and call targets whose deployer slots hold code
//! hashes of every kind (deployed, in construction, EVM blob, garbage, none), with known code;
//! for `log.decommit` `src0` is mostly a known bytecode or blob hash and `src1` an extra cost,
//! and some code starts out decommitted already (so decommits and far calls find it for free).
//! Both VMs run one cycle and
//! everything observable is compared: registers and tags, flags, every call-stack entry (pc,
//! sp, ergs, heap bounds, exception handlers, pubdata, ...), pending exception, context
//! register, the touched stack slots, every non-zero heap word, storage and transient storage
//! (seeded with random slots of the running contract on both sides), and the queued events and
//! L2→L1 messages, and the code page a far call mapped for its callee.
//!
//! `ZKSTACK_DIFF_CASES=N` sets the number of cases (default 100,000).

use std::collections::{BTreeSet, HashMap};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use zk_evm::GenericNoopTracer;
use zk_evm::abstractions::DecommittmentProcessor;
use zk_evm::abstractions::{EventSink, Memory as RefMemory, MemoryType, Storage};
use zk_evm::aux_structures::{
    DecommittmentQuery, LogQuery, MemoryPage, MemoryQuery, PubdataCost, Timestamp,
};
use zk_evm::block_properties::BlockProperties;
use zk_evm::ethereum_types::{Address as RefAddress, U256 as RefU256};
use zk_evm::flags::Flags as RefFlags;
use zk_evm::reference_impls::decommitter::SimpleDecommitter;
use zk_evm::reference_impls::event_sink::InMemoryEventSink;
use zk_evm::testing::storage::InMemoryStorage;
use zk_evm::vm_state::{CallStackEntry, Callstack, PrimitiveValue, Version, VmLocalState, VmState};
use zk_evm::witness_trace::DummyTracer;
use zk_evm::zkevm_opcode_defs::{VersionedHashHeader, VersionedHashNormalizedPreimage};
use zkevm_opcode_defs::decoding::EncodingModeProduction;
use zkstack_vm::exec::{Code, Handler, Step, Vm, VmError};
use zkstack_vm::frame::{Frame, NearFrame, is_kernel_address};
use zkstack_vm::memory::{Memory, Stack};
use zkstack_vm::state::{Flags, Registers, State};
use zkstack_vm::world::{
    InMemoryCode, InMemoryStorage as OurStorage, LogEntry, StorageKey, StoragePricing,
    VersionedHash, World, WorldDiff,
};
use zkstack_vm::{LogOp, Opcode, U256, decode};
use zkstack_vm_oracle::splitmix64;

mod witness_support;

use witness_support::{Recording, breakdown, first_difference};
use zkstack_vm::witness::{Recorded, WitnessEvent, WitnessTracer};

const CALLER_BASE: u32 = 3000;
const CURRENT_BASE: u32 = 3008;
const CALLDATA_PAGE: u32 = 2047;
/// The base page the next far call gets, on both sides.
const PAGE_COUNTER: u32 = 5000;
/// Code decommitted before a case starts lives from this page on (one page every 8).
const PREDECOMMITTED_PAGES: u32 = 6000;

// ---------------------------------------------------------------- the reference's plumbing

/// A memory for zk_evm that, unlike its `SimpleMemory`, also serves static memory, and keeps
/// code apart from data pages.
#[derive(Debug, Default)]
struct OracleMemory {
    cells: HashMap<(u32, u32), (RefU256, bool)>,
    code: HashMap<(u32, u32), RefU256>,
    written: Vec<(u32, u32)>,
}

impl RefMemory for OracleMemory {
    fn execute_partial_query(&mut self, _: u32, mut q: MemoryQuery) -> MemoryQuery {
        let key = (q.location.page.0, q.location.index.0);
        if q.rw_flag && q.location.memory_type == MemoryType::Code {
            // a decommitment
            self.code.insert(key, q.value);
        } else if q.rw_flag {
            self.cells.insert(key, (q.value, q.value_is_pointer));
            self.written.push(key);
        } else {
            let (v, p) = self.cells.get(&key).copied().unwrap_or_default();
            q.value = v;
            q.value_is_pointer = p;
        }
        q
    }

    fn specialized_code_query(&mut self, c: u32, q: MemoryQuery) -> MemoryQuery {
        if q.rw_flag {
            // a decommitment writing a code page, or (`log.decommit`) a heap page; data reads
            // see it too, as in zk_evm's one-memory `SimpleMemory`
            let key = (q.location.page.0, q.location.index.0);
            self.code.insert(key, q.value);
            self.cells.insert(key, (q.value, false));
            if key.0 % 8 == 2 {
                self.written.push(key); // a heap page: compared
            }
            return q;
        }
        self.read_code_query(c, q)
    }

    fn read_code_query(&self, _: u32, mut q: MemoryQuery) -> MemoryQuery {
        let key = (q.location.page.0, q.location.index.0);
        q.value = self.code.get(&key).copied().unwrap_or_default();
        q.value_is_pointer = false;
        q
    }
}

use zkstack_vm_oracle::RefNoPrecompiles as NoPrecompiles;

type RefVm = VmState<
    InMemoryStorage,
    OracleMemory,
    InMemoryEventSink,
    NoPrecompiles,
    SimpleDecommitter<false>,
    DummyTracer,
    8,
    EncodingModeProduction,
>;

fn to_ref(v: &U256) -> RefU256 {
    RefU256(*v.as_limbs())
}

fn from_ref(v: &RefU256) -> U256 {
    U256::from_limbs(v.0)
}

fn ref_address(a: &zkstack_vm::Address) -> RefAddress {
    RefAddress::from_slice(a.as_slice())
}

// ---------------------------------------------------------------- random cases

struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        splitmix64(&mut self.0)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn u16(&mut self) -> u16 {
        if self.chance(60) { self.below(40) as u16 } else { self.next() as u16 }
    }
    fn u32(&mut self) -> u32 {
        match self.below(6) {
            0 => self.below(64) as u32,
            1 => self.below(5000) as u32,
            2 => u32::MAX - self.below(64) as u32,
            3 => (1 << 31) - 16 + self.below(32) as u32,
            _ => self.next() as u32,
        }
    }
    fn page(&mut self) -> u32 {
        const PAGES: [u32; 8] = [
            CURRENT_BASE + 2,
            CURRENT_BASE + 3,
            CALLER_BASE + 2,
            CALLER_BASE + 3,
            CALLDATA_PAGE,
            1,
            0,
            9999,
        ];
        PAGES[self.below(8) as usize]
    }
    fn word(&mut self) -> U256 {
        match self.below(10) {
            0 | 1 => U256::from(self.below(64)),
            2 | 3 => U256::from_limbs([self.next(), self.next(), self.next(), self.next()]),
            4 | 5 => {
                let offset = if self.chance(70) { self.below(200) as u32 } else { self.u32() };
                let page = self.page();
                let start = if self.chance(70) { self.below(2000) as u32 } else { self.u32() };
                let length = if self.chance(70) { self.below(300) as u32 } else { self.u32() };
                let high = if self.chance(50) { [0, 0] } else { [self.next(), self.next()] };
                let mut high = high;
                if self.chance(30) {
                    // a far-return forwarding mode in byte 28
                    high[1] = (high[1] & !(0xff << 32)) | (self.below(4) << 32);
                }
                U256::from_limbs([
                    u64::from(offset) | u64::from(page) << 32,
                    u64::from(start) | u64::from(length) << 32,
                    high[0],
                    high[1],
                ])
            }
            6 => {
                const EDGES: [u64; 8] = [
                    (1 << 32) - 33,
                    (1 << 32) - 32,
                    (1 << 32) - 1,
                    1 << 32,
                    u64::MAX,
                    (1 << 32) - 34,
                    255,
                    256,
                ];
                let mut v = U256::from(EDGES[self.below(8) as usize]);
                if self.chance(20) {
                    v |= U256::from(1u8) << (64 + self.below(192) as usize);
                }
                v
            }
            7 => U256::from(self.below(5000)),
            8 => U256::MAX - U256::from(self.below(4)),
            _ => U256::from(self.next()),
        }
    }
    /// A code word: mostly four instructions, sometimes any word.
    fn code_word(&mut self) -> U256 {
        if self.chance(20) {
            return self.word();
        }
        U256::from_limbs([
            self.instruction_word(),
            self.instruction_word(),
            self.instruction_word(),
            self.instruction_word(),
        ])
    }

    /// A versioned hash; bytecode hashes get random code, made known in `code`.
    fn code_hash(&mut self, version: u8, marker: u8, code: &mut Vec<(U256, Vec<U256>)>) -> U256 {
        let words = 1 + self.below(4) as u16;
        let mut b = [0u8; 32];
        b[0] = version;
        b[1] = marker;
        let length = if self.chance(10) { self.next() as u16 } else { words };
        b[2..4].copy_from_slice(&length.to_be_bytes());
        for x in &mut b[4..] {
            *x = self.next() as u8;
        }
        let hash = U256::from_be_bytes(b);
        if version == 1 {
            code.push((hash, (0..words).map(|_| self.code_word()).collect()));
        }
        hash
    }

    /// `log.decommit` operands: `src0` mostly a known bytecode hash (marker and length bytes
    /// varied: decommitment ignores them) or a known EVM blob hash, else any word; `src1` an
    /// extra cost, sometimes more than the frame has.
    fn decommit_registers(
        &mut self,
        regs: &mut [(U256, bool); 16],
        code: &mut Vec<(U256, Vec<U256>)>,
        d: zkstack_vm::DecodedInstruction,
    ) {
        let hash = match self.below(10) {
            0..=5 => {
                let known = if code.is_empty() || self.chance(30) {
                    self.code_hash(1, 0, code)
                } else {
                    code[self.below(code.len() as u64) as usize].0
                };
                let mut b: [u8; 32] = known.to_be_bytes();
                b[1] = if self.chance(90) { self.below(2) as u8 } else { self.next() as u8 };
                if self.chance(30) {
                    b[2..4].copy_from_slice(&(self.next() as u16).to_be_bytes());
                }
                U256::from_be_bytes(b)
            }
            6 | 7 => {
                let mut b = [0u8; 32];
                b[0] = 2;
                b[1] = self.below(2) as u8;
                b[2..4].copy_from_slice(&(self.next() as u16).to_be_bytes());
                for x in &mut b[4..] {
                    *x = self.next() as u8;
                }
                let hash = U256::from_be_bytes(b);
                let words = (0..1 + self.below(6)).map(|_| self.word()).collect();
                code.push((hash, words));
                hash
            }
            _ => self.word(),
        };
        let extra = match self.below(4) {
            0 => self.below(100),
            1 => self.below(100_000),
            2 => self.next(),
            _ => u64::from(self.u32()),
        };
        let high = if self.chance(50) { 0 } else { self.next() };
        regs[usize::from(d.src0.index())] = (hash, self.chance(10));
        regs[usize::from(d.src1.index())] = (U256::from_limbs([extra, high, 0, 0]), false);
        regs[0] = (U256::ZERO, false);
    }

    /// Registers that make far calls likely to get far: targets and ABI words.
    fn far_call_registers(
        &mut self,
        regs: &mut [(U256, bool); 16],
        targets: &[zkstack_vm::Address],
    ) {
        for r in regs.iter_mut().skip(1) {
            match self.below(10) {
                0..=3 => {
                    let t = targets[self.below(targets.len() as u64) as usize];
                    let mut v = U256::from_be_slice(t.as_slice());
                    if self.chance(20) {
                        v |= U256::from(self.next()) << 192;
                    }
                    *r = (v, self.chance(20));
                }
                4..=8 => *r = self.far_call_abi(),
                _ => {}
            }
        }
    }

    /// A far-call ABI word (calldata pointer, ergs, forwarding mode, shard, constructor and
    /// system-call flags) and its pointer tag, mostly the one its forwarding mode wants.
    fn far_call_abi(&mut self) -> (U256, bool) {
        let offset = if self.chance(85) { 0 } else { self.u32() };
        let page = self.page();
        let start = if self.chance(70) { self.below(2000) as u32 } else { self.u32() };
        let length = if self.chance(70) { self.below(300) as u32 } else { self.u32() };
        let ergs = self.u32();
        let forward = if self.chance(90) { self.below(3) } else { self.below(256) };
        let shard = if self.chance(80) { 0 } else { self.below(256) };
        let constructor = if self.chance(50) { 0 } else { self.below(256) };
        let system = if self.chance(50) { 0 } else { self.below(256) };
        let word = U256::from_limbs([
            u64::from(offset) | u64::from(page) << 32,
            u64::from(start) | u64::from(length) << 32,
            if self.chance(50) { 0 } else { self.next() },
            u64::from(ergs) | forward << 32 | shard << 40 | constructor << 48 | system << 56,
        ]);
        (word, if self.chance(85) { forward == 1 } else { self.chance(50) })
    }

    fn address(&mut self, kernel: bool) -> zkstack_vm::Address {
        let mut bytes = [0u8; 20];
        if kernel {
            bytes[18..].copy_from_slice(&(self.next() as u16).to_be_bytes());
        } else {
            for b in &mut bytes {
                *b = self.next() as u8;
            }
            bytes[0] |= 1;
        }
        zkstack_vm::Address::from(bytes)
    }
    fn instruction_word(&mut self) -> u64 {
        let index = if !self.chance(6) {
            1 + self.below(zkstack_vm::NUM_VALID_ENTRIES as u64)
        } else if self.chance(20) {
            0
        } else {
            zkstack_vm::NUM_VALID_ENTRIES as u64 + 1 + self.below(2047 - 1103)
        };
        let condition = if self.chance(50) { 0 } else { self.below(8) };
        let regs =
            if self.chance(50) { self.next() & 0xffff_ffff } else { self.next() & 0x7777_7777 };
        let imm0 = u64::from(self.u16());
        let imm1 = u64::from(self.u16());
        let reserved = if self.chance(5) { self.below(4) << 11 } else { 0 };
        index | reserved | condition << 13 | (regs & 0xffff_ffff) << 16 | imm0 << 32 | imm1 << 48
    }
}

/// An opcode-table index of `log.decommit`.
fn decommit_index() -> u64 {
    static INDEX: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *INDEX.get_or_init(|| {
        (1..=zkstack_vm::NUM_VALID_ENTRIES as u64)
            .find(|i| decode(*i).opcode() == Opcode::Log(LogOp::Decommit))
            .unwrap_or(0)
    })
}

/// One starting state, in a form both VMs are built from.
struct Case {
    regs: [(U256, bool); 16],
    flags: Flags,
    pending: bool,
    context_u128: u128,
    tx_number: u16,
    revert_counter: i32,
    caller: FrameSpec,
    current: FrameSpec,
    near: Vec<NearFrame>,
    code_words: Vec<U256>,
    /// `(page, word index, value)` of heap-like pages.
    heap: Vec<(u32, u32, U256)>,
    /// `(slot, value, pointer)` of the current frame's stack.
    stack: Vec<(u16, U256, bool)>,
    /// `(shard, key, value)` of the current contract's committed storage.
    storage: Vec<(u8, U256, U256)>,
    /// Addresses far calls are likely to call.
    targets: Vec<zkstack_vm::Address>,
    /// `(shard, address, code hash)`: the deployer's slots (what far calls find).
    deployed: Vec<(u8, zkstack_vm::Address, U256)>,
    /// Code known by hash.
    code: Vec<(U256, Vec<U256>)>,
    /// The default account's code hash.
    default_aa: U256,
    /// The EVM emulator's code hash.
    evm_emulator: U256,
    /// `(shard, key, value)` of the current contract's transient storage.
    transient: Vec<(u8, U256, U256)>,
    /// `(index into code, page)`: code decommitted before the case starts.
    predecommitted: Vec<(usize, u32)>,
}

#[derive(Clone)]
struct FrameSpec {
    this: zkstack_vm::Address,
    caller: zkstack_vm::Address,
    code_address: zkstack_vm::Address,
    is_static: bool,
    base: u32,
    pc: u16,
    sp: u16,
    ergs: u32,
    handler: u16,
    shards: [u8; 3],
    context_u128: u128,
    heap_bound: u32,
    aux_heap_bound: u32,
    stipend: u32,
    pubdata: i32,
}

impl Gen {
    fn frame(&mut self, base: u32) -> FrameSpec {
        let kernel = [self.chance(50), self.chance(50), self.chance(50)];
        FrameSpec {
            this: self.address(kernel[0]),
            caller: self.address(kernel[1]),
            code_address: self.address(kernel[2]),
            is_static: self.chance(20),
            base,
            pc: self.below(24) as u16,
            sp: if self.chance(80) { self.below(64) as u16 } else { self.next() as u16 },
            ergs: match self.below(5) {
                0 => self.below(40) as u32,
                1 => self.below(10_000) as u32,
                2 => u32::MAX,
                3 => u32::MAX - self.below(10_000) as u32,
                _ => self.next() as u32,
            },
            handler: self.u16(),
            shards: [self.below(2) as u8, self.below(2) as u8, self.below(2) as u8],
            context_u128: u128::from(self.next()) | u128::from(self.next()) << 64,
            heap_bound: if self.chance(80) { self.below(4000) as u32 } else { self.u32() },
            aux_heap_bound: if self.chance(80) { self.below(4000) as u32 } else { self.u32() },
            stipend: if self.chance(20) { self.below(100) as u32 } else { 0 },
            pubdata: self.below(50) as i32,
        }
    }

    fn case(&mut self) -> Case {
        let mut regs = [(U256::ZERO, false); 16];
        for r in regs.iter_mut().skip(1) {
            *r = (self.word(), self.chance(30));
        }
        let caller = self.frame(CALLER_BASE);
        let current = self.frame(CURRENT_BASE);
        let near = (0..[0, 0, 1, 2, 3][self.below(5) as usize])
            .map(|_| NearFrame {
                exception_handler: self.u16(),
                return_pc: self.u16(),
                sp: self.u16(),
                ergs: self.u32(),
                pubdata_spent: self.below(50) as i32,
            })
            .collect();
        let words = usize::from(current.pc / 4) + 1 + self.below(4) as usize;
        let mut code_words: Vec<U256> = (0..words).map(|_| self.code_word()).collect();
        let mut word = self.instruction_word();
        if self.chance(3) {
            word = (word & !0x7ff) | decommit_index();
        }
        let mut current = current;
        let decommits = decode(word).opcode() == Opcode::Log(LogOp::Decommit);
        if decommits && self.chance(80) {
            current.this = self.address(true); // kernel only
        }
        if decode(word).opcode() == Opcode::Log(LogOp::StorageWrite) {
            // zk_evm's reference storage charges pubdata on every shard and then asserts that
            // a non-rollup write costs none: writes only run on shard 0 there.
            current.shards[0] = 0;
        }
        let (index, quarter) = (usize::from(current.pc / 4), 3 - usize::from(current.pc % 4));
        let mut limbs = *code_words[index].as_limbs();
        limbs[quarter] = word;
        code_words[index] = U256::from_limbs(limbs);
        let heap = (0..self.below(8))
            .map(|_| {
                let page = [CURRENT_BASE + 2, CURRENT_BASE + 3, 1, CALLDATA_PAGE, CALLER_BASE + 2]
                    [self.below(5) as usize];
                let index =
                    if self.chance(90) { self.below(130) as u32 } else { self.next() as u32 >> 5 };
                (page, index, self.word())
            })
            .collect();
        let sp = current.sp;
        let stack = (0..self.below(10))
            .map(|_| {
                let slot = match self.below(3) {
                    0 => sp.wrapping_sub(self.below(48) as u16),
                    1 => self.below(48) as u16,
                    _ => self.next() as u16,
                };
                (slot, self.word(), self.chance(30))
            })
            .collect();
        let slots = |g: &mut Self| -> Vec<(u8, U256, U256)> {
            (0..g.below(6)).map(|_| (g.below(2) as u8, U256::from(g.below(64)), g.word())).collect()
        };
        let storage = slots(self);
        let transient = slots(self);
        let mut code = Vec::new();
        let default_aa = self.code_hash(1, 0, &mut code);
        let evm_emulator = self.code_hash(1, 0, &mut code);
        let mut deployed = Vec::new();
        let mut targets = Vec::new();
        for _ in 0..4 {
            // the msg.value simulator (a system call to it costs extra) now and then
            let address = if self.chance(15) {
                let mut b = [0u8; 20];
                b[18] = 0x80;
                b[19] = 0x09;
                zkstack_vm::Address::from(b)
            } else {
                let kernel = self.chance(50);
                self.address(kernel)
            };
            targets.push(address);
            let hash = match self.below(7) {
                0 | 1 => self.code_hash(1, 0, &mut code),
                2 => self.code_hash(1, 1, &mut code),
                3 => {
                    let marker = self.below(2) as u8;
                    self.code_hash(2, marker, &mut Vec::new())
                }
                4 => self.word(),
                5 => self.code_hash(1, 0, &mut code) | U256::from(1u8) << 248,
                _ => continue,
            };
            deployed.push((if self.chance(90) { 0 } else { 1 }, address, hash));
        }
        if matches!(decode(word).opcode(), Opcode::FarCall(_)) {
            self.far_call_registers(&mut regs, &targets);
        }
        if decommits {
            self.decommit_registers(&mut regs, &mut code, decode(word));
        }
        let predecommitted = (0..code.len())
            .filter(|_| self.chance(25))
            .enumerate()
            .map(|(i, c)| (c, PREDECOMMITTED_PAGES + 8 * i as u32))
            .collect();
        if decode(word).opcode() == Opcode::Log(LogOp::PrecompileCall) {
            // zk_evm asserts that the extra pubdata fits an i32
            let r = &mut regs[usize::from(decode(word).src1.index())].0;
            let mut limbs = *r.as_limbs();
            limbs[0] &= !(1 << 63);
            *r = U256::from_limbs(limbs);
        }
        Case {
            predecommitted,
            targets,
            deployed,
            code,
            default_aa,
            evm_emulator,
            storage,
            transient,
            regs,
            flags: Flags::new(self.chance(50), self.chance(50), self.chance(50)),
            pending: self.chance(5),
            context_u128: u128::from(self.next()),
            tx_number: self.next() as u16,
            revert_counter: 10_000 + self.below(1000) as i32,
            caller,
            current,
            near,
            code_words,
            heap,
            stack,
        }
    }
}

// ---------------------------------------------------------------- building both VMs

fn code_bytes(words: &[U256]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_be_bytes::<32>()).collect()
}

fn our_frame(spec: &FrameSpec, code: &Code, near: Vec<NearFrame>) -> Frame {
    Frame {
        this_address: spec.this,
        caller: spec.caller,
        code_address: spec.code_address,
        is_kernel: is_kernel_address(&spec.this),
        is_static: spec.is_static,
        code: code.clone(),
        code_page: spec.base,
        base_page: spec.base,
        pc: spec.pc,
        sp: spec.sp,
        ergs: spec.ergs,
        exception_handler: spec.handler,
        this_shard_id: spec.shards[0],
        caller_shard_id: spec.shards[1],
        code_shard_id: spec.shards[2],
        context_u128: spec.context_u128,
        heap_bound: spec.heap_bound,
        aux_heap_bound: spec.aux_heap_bound,
        stipend: spec.stipend,
        pubdata_spent: spec.pubdata,
        stack: Stack::new(),
        near_calls: near,
    }
}

fn ours(case: &Case) -> Vm {
    let code = match Code::from_bytecode(&code_bytes(&case.code_words)) {
        Ok(code) => code,
        Err(e) => panic!("generated code is aligned: {e}"),
    };
    let mut registers = Registers::new();
    for (i, (v, p)) in case.regs.iter().enumerate() {
        registers.set(i as u8, *v, *p);
    }
    let mut current = our_frame(&case.current, &code, case.near.clone());
    for (slot, value, ptr) in &case.stack {
        current.stack.set(*slot, value, *ptr);
    }
    let mut memory = Memory::new();
    for (page, index, value) in &case.heap {
        memory.write_word(*page, index * 32, value);
    }
    let state = State {
        registers,
        flags: case.flags,
        previous: vec![our_frame(&case.caller, &code, Vec::new())],
        current,
        context_u128: case.context_u128,
        pending_exception: case.pending,
        tx_number: case.tx_number,
        pubdata_revert_counter: case.revert_counter,
        depth: 2 + case.near.len() as u32,
    };
    let mut storage = OurStorage::new();
    for (shard, key, value) in &case.storage {
        storage.insert(our_key(case, *shard, key), *value);
    }
    for (shard, address, hash) in &case.deployed {
        storage.insert(deployer_key(*shard, address), *hash);
    }
    let mut code = InMemoryCode::new();
    for (hash, words) in &case.code {
        code.insert(VersionedHash::from_word(hash).preimage(), words.clone());
    }
    let mut world = World::new(Box::new(storage), Box::new(code));
    // zk_evm's reference storage: no refunds, 65 pubdata bytes a write
    world.diff = WorldDiff::with_pricing(StoragePricing::ZkEvmReference);
    // zk_evm's side runs no precompiles: neither may ours, even when a random kernel address
    // lands on a precompile's.
    world.precompiles = Box::new(zkstack_vm::world::NoPrecompiles);
    world.default_aa_code_hash = case.default_aa;
    world.evm_emulator_code_hash = case.evm_emulator;
    world.next_base_page = PAGE_COUNTER;
    for (i, page) in &case.predecommitted {
        let (hash, words) = &case.code[*i];
        let preimage = VersionedHash::from_word(hash).preimage();
        if let Err(e) = world.decommitted.insert(preimage, hash, words, *page, false) {
            panic!("generated code fits a page: {e}");
        }
    }
    for (shard, key, value) in &case.transient {
        world.diff.write_transient(&our_key(case, *shard, key), *value);
    }
    // Every frame of the starting state began after the world was populated.
    for _ in 0..=state.depth {
        world.enter_frame();
    }
    Vm::with_world(state, memory, (), world)
}

fn deployer_key(shard: u8, address: &zkstack_vm::Address) -> StorageKey {
    let mut deployer = [0u8; 20];
    deployer[18] = 0x80;
    deployer[19] = 0x02;
    StorageKey {
        shard,
        address: zkstack_vm::Address::from(deployer),
        key: U256::from_be_slice(address.as_slice()),
    }
}

fn our_key(case: &Case, shard: u8, key: &U256) -> StorageKey {
    StorageKey { shard, address: case.current.this, key: *key }
}

/// zk_evm's call-stack entries for one of our far frames: the far entry, then one entry per
/// near frame, innermost last.
fn entries_of(frame: &Frame) -> Vec<CallStackEntry> {
    let far = CallStackEntry {
        this_address: ref_address(&frame.this_address),
        msg_sender: ref_address(&frame.caller),
        code_address: ref_address(&frame.code_address),
        base_memory_page: MemoryPage(frame.base_page),
        code_page: MemoryPage(frame.code_page),
        sp: frame.sp,
        pc: frame.pc,
        exception_handler_location: frame.exception_handler,
        ergs_remaining: frame.ergs,
        this_shard_id: frame.this_shard_id,
        caller_shard_id: frame.caller_shard_id,
        code_shard_id: frame.code_shard_id,
        is_static: frame.is_static,
        is_local_frame: false,
        context_u128_value: frame.context_u128,
        heap_bound: frame.heap_bound,
        aux_heap_bound: frame.aux_heap_bound,
        total_pubdata_spent: PubdataCost(frame.pubdata_spent),
        stipend: frame.stipend,
    };
    let mut out = vec![far];
    for near in &frame.near_calls {
        let Some(last) = out.last_mut() else { break };
        let running = *last;
        last.pc = near.return_pc;
        last.sp = near.sp;
        last.ergs_remaining = near.ergs;
        last.total_pubdata_spent = PubdataCost(near.pubdata_spent);
        out.push(CallStackEntry {
            is_local_frame: true,
            exception_handler_location: near.exception_handler,
            ..running
        });
    }
    out
}

fn all_entries(state: &State) -> Vec<CallStackEntry> {
    let mut out = vec![CallStackEntry::empty_context()];
    for f in state.previous.iter().chain(std::iter::once(&state.current)) {
        out.extend(entries_of(f));
    }
    out
}

fn reference(case: &Case, ours: &Vm) -> RefVm {
    let mut entries = all_entries(&ours.state);
    let current = entries.pop().unwrap_or_else(CallStackEntry::empty_context);
    let mut registers = [PrimitiveValue::empty(); 15];
    for (i, r) in registers.iter_mut().enumerate() {
        let (v, p) = case.regs[i + 1];
        *r = PrimitiveValue { value: to_ref(&v), is_pointer: p };
    }
    let mut local = VmLocalState::<8, EncodingModeProduction>::empty_state();
    local.registers = registers;
    local.flags = RefFlags {
        overflow_or_less_than_flag: case.flags.lt,
        equality_flag: case.flags.eq,
        greater_than_flag: case.flags.gt,
    };
    local.previous_code_memory_page = MemoryPage(0);
    local.memory_page_counter = PAGE_COUNTER;
    local.tx_number_in_block = case.tx_number;
    local.pending_exception = case.pending;
    local.context_u128_register = case.context_u128;
    local.callstack = Callstack { current, inner: entries };
    local.pubdata_revert_counter = PubdataCost(case.revert_counter);

    let mut memory = OracleMemory::default();
    for (i, w) in case.code_words.iter().enumerate() {
        memory.code.insert((CURRENT_BASE, i as u32), to_ref(w));
    }
    for (page, index, value) in &case.heap {
        memory.cells.insert((*page, *index), (to_ref(value), false));
    }
    for (slot, value, ptr) in &case.stack {
        memory.cells.insert((CURRENT_BASE + 1, u32::from(*slot)), (to_ref(value), *ptr));
    }
    let mut decommitter = SimpleDecommitter::new();
    decommitter.populate(
        case.code.iter().map(|(h, w)| (to_ref(h), w.iter().map(to_ref).collect())).collect(),
    );
    for (i, page) in &case.predecommitted {
        let hash: [u8; 32] = case.code[*i].0.to_be_bytes();
        let mut query = DecommittmentQuery {
            header: VersionedHashHeader(hash[..4].try_into().unwrap_or_default()),
            normalized_preimage: VersionedHashNormalizedPreimage(
                hash[4..].try_into().unwrap_or_default(),
            ),
            timestamp: Timestamp(0),
            memory_page: MemoryPage(*page),
            decommitted_length: 0,
            is_fresh: false,
        };
        let decommitted = decommitter.prepare_to_decommit(0, query).and_then(|q| {
            query = q;
            decommitter.decommit_into_memory(0, q, &mut memory)
        });
        if let Err(e) = decommitted {
            panic!("zk_evm decommits known code: {e}");
        }
        assert!(query.is_fresh, "each preimage is decommitted once");
    }
    let mut storage = InMemoryStorage::new();
    let this = ref_address(&case.current.this);
    storage.populate(
        case.storage.iter().map(|(sh, k, v)| (*sh, this, to_ref(k), to_ref(v))).collect(),
    );
    storage.populate(
        case.deployed
            .iter()
            .map(|(sh, a, h)| {
                let k = deployer_key(*sh, a);
                (*sh, ref_address(&k.address), to_ref(&k.key), to_ref(h))
            })
            .collect(),
    );
    for (shard, key, value) in &case.transient {
        storage.inner_transient[usize::from(*shard)]
            .entry(this)
            .or_default()
            .insert(to_ref(key), to_ref(value));
    }
    let mut event_sink = InMemoryEventSink::new();
    for _ in 0..=local.callstack.depth() {
        storage.start_frame(Timestamp(0));
        event_sink.start_frame(Timestamp(0));
    }
    VmState {
        local_state: local,
        block_properties: BlockProperties {
            default_aa_code_hash: to_ref(&case.default_aa),
            evm_emulator_code_hash: to_ref(&case.evm_emulator),
            zkporter_is_available: false,
        },
        storage,
        memory,
        event_sink,
        precompiles_processor: NoPrecompiles,
        decommittment_processor: decommitter,
        witness_tracer: DummyTracer,
        version: Version::latest(),
        dst1_was_updated_this_cycle: false,
    }
}

// ---------------------------------------------------------------- comparing

fn compare(case: &Case, word: u64) -> Result<(), String> {
    let mut vm = ours(case);
    let mut reference = reference(case, &vm);
    let address = (case.regs[usize::from(decode(word).dst0.index())].0.as_limbs()[0] as u16)
        .wrapping_add(decode(word).imm1);
    step_both(case, &mut vm, &mut reference, address).map(|_| ())
}

/// Runs one cycle on both VMs and compares everything; returns whether ours finished.
/// `address` is the stack address a stack operand of the instruction may touch.
fn step_both(
    case: &Case,
    vm: &mut Vm,
    reference: &mut RefVm,
    address: u16,
) -> Result<bool, String> {
    let sp_before = vm.state.current.sp;
    let frame = &vm.state.current;
    let decommits =
        !vm.state.pending_exception && frame.code.instr(frame.pc).handler == Handler::Decommit;
    let cycle = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        reference.cycle(&mut GenericNoopTracer::<OracleMemory>::new())
    }));
    match cycle {
        // zk_evm asserts that no frame decommits one preimage twice (`prepare_to_decommit`
        // in vm_state/helpers.rs: "Non-fresh accesses must not use the candidate page").
        Err(_) if decommits => return Ok(true),
        Err(panic) => std::panic::resume_unwind(panic),
        Ok(Err(e)) => {
            // zk_evm fails on code it does not know; so must we
            return match vm.step() {
                Err(VmError::UnknownCode(_)) => Ok(true),
                ours => Err(format!("zk_evm failed: {e}; zkstack-vm: {ours:?}")),
            };
        }
        Ok(Ok(())) => {}
    }
    let finished = match vm.step() {
        Ok(step) => step != Step::Continue,
        Err(e) => return Err(format!("zkstack-vm refused: {e}")),
    };
    let r = &reference.local_state;
    let s = &vm.state;
    for i in 1..16u8 {
        let theirs = r.registers[usize::from(i) - 1];
        let ours = (from_ref(&theirs.value), theirs.is_pointer);
        if (*s.registers.get(i), s.registers.is_pointer(i)) != ours {
            return Err(format!(
                "r{i}: ours {:#x} ptr {}, zk_evm {:#x} ptr {}",
                s.registers.get(i),
                s.registers.is_pointer(i),
                ours.0,
                ours.1
            ));
        }
    }
    let flags = Flags::new(
        r.flags.overflow_or_less_than_flag,
        r.flags.equality_flag,
        r.flags.greater_than_flag,
    );
    if s.flags != flags {
        return Err(format!("flags: ours {:?}, zk_evm {flags:?}", s.flags));
    }
    if s.pending_exception != r.pending_exception {
        return Err(format!("pending exception: ours {}", s.pending_exception));
    }
    if s.context_u128 != r.context_u128_register || s.tx_number != r.tx_number_in_block {
        return Err("context register or tx number".into());
    }
    if s.pubdata_revert_counter != r.pubdata_revert_counter.0 {
        return Err("pubdata revert counter".into());
    }
    let mut theirs: Vec<CallStackEntry> = r.callstack.inner.clone();
    theirs.push(r.callstack.current);
    let mut mine = all_entries(s);
    // Heap bounds of a far frame live in its innermost entry: zk_evm copies them into each near
    // entry and copies them back on return, so those of the entries below are never read.
    for i in 0..mine.len().saturating_sub(1) {
        if mine[i + 1].is_local_frame
            && let Some(t) = theirs.get(i)
        {
            mine[i].heap_bound = t.heap_bound;
            mine[i].aux_heap_bound = t.aux_heap_bound;
        }
    }
    if mine != theirs {
        for (i, (a, b)) in mine.iter().zip(&theirs).enumerate() {
            if a != b {
                return Err(format!("call-stack entry {i}:\n ours   {a:?}\n zk_evm {b:?}"));
            }
        }
        return Err(format!("call-stack depth: ours {}, zk_evm {}", mine.len(), theirs.len()));
    }
    if s.depth as usize != r.callstack.depth() {
        return Err(format!("depth: ours {}, zk_evm {}", s.depth, r.callstack.depth()));
    }
    // Heap-like pages: every non-zero word on either side.
    let mem = &reference.memory;
    let mut pages: BTreeSet<u32> = case.heap.iter().map(|h| h.0).collect();
    let frames: Vec<&Frame> = s.previous.iter().chain(std::iter::once(&s.current)).collect();
    let stack_pages: BTreeSet<u32> =
        frames.iter().map(|f| f.stack_page()).chain([CURRENT_BASE + 1]).collect();
    // (stacks of frames that already returned are gone on our side)
    let is_stack =
        |p: u32| stack_pages.contains(&p) || (p >= PAGE_COUNTER && (p - PAGE_COUNTER) % 8 == 1);
    pages.extend(mem.written.iter().map(|w| w.0).filter(|p| !is_stack(*p)));
    // Stacks of the frames far calls made: every slot zk_evm wrote.
    for frame in frames.iter().filter(|f| f.base_page >= PAGE_COUNTER) {
        for &(page, slot) in mem.written.iter().filter(|w| w.0 == frame.stack_page()) {
            let (v, p) = mem.cells.get(&(page, slot)).copied().unwrap_or_default();
            if frame.stack.get(slot as u16) != (from_ref(&v), p) {
                return Err(format!(
                    "stack {page} slot {slot}: ours {:?}, zk_evm {v:#x} {p}",
                    frame.stack.get(slot as u16)
                ));
            }
        }
    }
    for page in pages {
        let mut theirs: Vec<(u32, U256)> = mem
            .cells
            .iter()
            .filter(|((p, _), (v, _))| *p == page && !v.is_zero())
            .map(|((_, i), (v, _))| (*i, from_ref(v)))
            .collect();
        theirs.sort_unstable();
        let mine = vm.memory.page(page).map(|p| p.nonzero_words()).unwrap_or_default();
        if mine != theirs {
            return Err(format!("page {page}: ours {mine:x?}, zk_evm {theirs:x?}"));
        }
    }
    // The current frame's stack (unless it returned), at every slot either side may have touched.
    if s.current.base_page == CURRENT_BASE {
        let mut slots: BTreeSet<u16> = case.stack.iter().map(|s| s.0).collect();
        slots.extend(mem.written.iter().filter(|w| w.0 == CURRENT_BASE + 1).map(|w| w.1 as u16));
        let a = address;
        for base in [sp_before, s.current.sp] {
            slots.extend([base, base.wrapping_sub(a), a]);
        }
        for slot in slots {
            let (v, p) =
                mem.cells.get(&(CURRENT_BASE + 1, u32::from(slot))).copied().unwrap_or_default();
            if s.current.stack.get(slot) != (from_ref(&v), p) {
                return Err(format!(
                    "stack slot {slot}: ours {:?}, zk_evm {v:#x} {p}",
                    s.current.stack.get(slot)
                ));
            }
        }
    }
    // The code a far call mapped for its callee.
    if s.current.base_page == PAGE_COUNTER && s.current.code_page != 0 {
        let page = s.current.code_page;
        let mut theirs: Vec<(u32, U256)> = mem
            .code
            .iter()
            .filter(|((p, _), v)| *p == page && !v.is_zero())
            .map(|((_, i), v)| (*i, from_ref(v)))
            .collect();
        theirs.sort_unstable();
        let mine: Vec<(u32, U256)> = (0..s.current.code.page().len() as u32)
            .map(|i| (i, s.current.code.word(i as u16)))
            .filter(|(_, v)| !v.is_zero())
            .collect();
        if mine != theirs {
            return Err(format!("code page {page}: ours {mine:x?}, zk_evm {theirs:x?}"));
        }
    }
    compare_world(case, vm, reference)?;
    Ok(finished)
}

/// Storage, transient storage, events and L2→L1 messages after the cycle.
fn compare_world(case: &Case, vm: &Vm, reference: &RefVm) -> Result<(), String> {
    type Slots = BTreeSet<(u8, [u8; 20], U256, U256)>;
    let flatten = |maps: &[HashMap<RefAddress, HashMap<RefU256, RefU256>>]| -> Slots {
        let mut out = Slots::new();
        for (shard, map) in maps.iter().enumerate() {
            for (address, slots) in map {
                for (k, v) in slots {
                    if !v.is_zero() {
                        out.insert((shard as u8, address.0, from_ref(k), from_ref(v)));
                    }
                }
            }
        }
        out
    };
    let mut committed: HashMap<StorageKey, U256> =
        case.storage.iter().map(|(sh, k, v)| (our_key(case, *sh, k), *v)).collect();
    for (shard, address, hash) in &case.deployed {
        committed.insert(deployer_key(*shard, address), *hash);
    }
    for (key, _, value) in vm.world.diff.storage_changes() {
        committed.insert(key, value);
    }
    let as_slots = |m: &mut dyn Iterator<Item = (StorageKey, U256)>| -> Slots {
        m.filter(|(_, v)| !v.is_zero()).map(|(k, v)| (k.shard, k.address.0.0, k.key, v)).collect()
    };
    let ours = as_slots(&mut committed.into_iter());
    let theirs = flatten(&reference.storage.inner);
    if ours != theirs {
        return Err(format!("storage: ours {ours:x?}, zk_evm {theirs:x?}"));
    }
    let ours = as_slots(&mut vm.world.diff.transient_slots().into_iter());
    let theirs = flatten(&reference.storage.inner_transient);
    if ours != theirs {
        return Err(format!("transient storage: ours {ours:x?}, zk_evm {theirs:x?}"));
    }
    // zk_evm's event queue keeps a rolled-back entry and appends its rollback: net them out.
    let mut net: Vec<LogQuery> = Vec::new();
    for q in reference.event_sink.frames_stack.iter().flat_map(|f| f.forward.iter()) {
        if q.rollback {
            let undone = LogQuery { rollback: false, ..*q };
            if let Some(i) = net.iter().rposition(|e| *e == undone) {
                net.remove(i);
            }
        } else {
            net.push(*q);
        }
    }
    let queued = |aux: u8| -> Vec<LogEntry> {
        net.iter()
            .filter(|q| q.aux_byte == aux)
            .map(|q| LogEntry {
                shard_id: q.shard_id,
                address: zkstack_vm::Address::from(q.address.0),
                key: from_ref(&q.key),
                value: from_ref(&q.written_value),
                is_first: q.is_service,
                tx_number: q.tx_number_in_block,
            })
            .collect()
    };
    if vm.world.diff.events() != queued(1).as_slice() {
        return Err(format!("events: ours {:?}, zk_evm {:?}", vm.world.diff.events(), queued(1)));
    }
    if vm.world.diff.l2_to_l1_logs() != queued(2).as_slice() {
        return Err(format!(
            "L2→L1: ours {:?}, zk_evm {:?}",
            vm.world.diff.l2_to_l1_logs(),
            queued(2)
        ));
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("ZKSTACK_DIFF_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

/// Runs a case for up to `ZKSTACK_DIFF_STEPS` cycles (default 12), comparing after each,
/// while the frame that started it is still below the running one (so far calls into random
/// code, returns, rollbacks and storage all chain).
fn compare_run(case: &Case) -> Result<(), String> {
    let mut vm = ours(case);
    let mut reference = reference(case, &vm);
    for cycle in 0..steps() {
        if vm.state.previous.is_empty() {
            break;
        }
        let frame = &vm.state.current;
        let instr = *frame.code.instr(frame.pc);
        let address =
            (vm.state.registers.get(instr.dst0).as_limbs()[0] as u16).wrapping_add(instr.imm1);
        let pc = frame.pc;
        let extra_pubdata_overflows = vm.state.registers.get(instr.src1).as_limbs()[0] >> 63 != 0;
        if instr.handler == Handler::PrecompileCall && extra_pubdata_overflows {
            break; // zk_evm asserts that the extra pubdata fits an i32
        }
        if instr.handler == Handler::StorageWrite && frame.this_shard_id != 0 {
            // zk_evm's reference storage charges pubdata here and then asserts it charged none.
            break;
        }
        match step_both(case, &mut vm, &mut reference, address) {
            Ok(true) => break,
            Ok(false) => {}
            Err(e) => return Err(format!("cycle {cycle} (pc {pc}, {:?}): {e}", instr.handler)),
        }
    }
    Ok(())
}

fn steps() -> u32 {
    std::env::var("ZKSTACK_DIFF_STEPS").ok().and_then(|v| v.parse().ok()).unwrap_or(12)
}

/// One random short run: half of them with far-call registers aimed at the case's targets, most on
/// shard 0 (a caller on shard 1 reaches no code: zkPorter is off).
fn short_run_case(seed: u64) -> Case {
    let mut g = Gen(seed);
    let mut case = g.case();
    if g.chance(50) {
        let targets = case.targets.clone();
        g.far_call_registers(&mut case.regs, &targets);
    }
    if g.chance(90) {
        case.current.shards[0] = 0;
    }
    case
}

#[test]
fn short_runs_match_zk_evm() {
    let cases = cases() / 5;
    let mut runner =
        TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let result = runner.run(&any::<u64>(), |seed| {
        let case = short_run_case(seed);
        compare_run(&case).map_err(|e| TestCaseError::fail(format!("seed {seed:#x}: {e}")))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn one_cycle_matches_zk_evm() {
    let mut runner =
        TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let result = runner.run(&any::<u64>(), |seed| {
        let mut g = Gen(seed);
        let case = g.case();
        let word = {
            let (index, quarter) =
                (usize::from(case.current.pc / 4), 3 - usize::from(case.current.pc % 4));
            case.code_words[index].as_limbs()[quarter]
        };
        compare(&case, word).map_err(|e| {
            TestCaseError::fail(format!(
                "seed {seed:#x}, word {word:#018x} ({:?}): {e}",
                decode(word).variant
            ))
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// zk_evm with the recording witness tracer, in the state [`reference`] builds.
type WitnessRefVm = VmState<
    InMemoryStorage,
    OracleMemory,
    InMemoryEventSink,
    NoPrecompiles,
    SimpleDecommitter<false>,
    Recording,
    8,
    EncodingModeProduction,
>;

/// Runs a case as [`compare_run`] does, both VMs recording their witness streams, and
/// compares the streams (the states themselves are compared by the tests above). Returns the
/// number of events compared. A cycle zk_evm cannot finish (unknown code, or its assertion
/// that no frame decommits a preimage twice) ends the run; its partial events are dropped.
fn witness_run(case: &Case) -> Result<Vec<Recorded>, String> {
    let plain = ours(case);
    let r = reference(case, &plain);
    let local = &r.local_state;
    let mut tracer = WitnessTracer::new(local.timestamp, local.monotonic_cycle_counter);
    tracer.last_code_word = (local.previous_code_memory_page.0, local.previous_super_pc);
    let mut vm = Vm::with_world(plain.state, plain.memory, tracer, plain.world);
    let mut reference: WitnessRefVm = VmState {
        local_state: r.local_state,
        block_properties: r.block_properties,
        storage: r.storage,
        memory: r.memory,
        event_sink: r.event_sink,
        precompiles_processor: r.precompiles_processor,
        decommittment_processor: r.decommittment_processor,
        witness_tracer: Recording::default(),
        version: r.version,
        dst1_was_updated_this_cycle: false,
    };
    for _ in 0..steps() {
        if vm.state.previous.is_empty() {
            break;
        }
        let frame = &vm.state.current;
        let instr = *frame.code.instr(frame.pc);
        let extra_pubdata_overflows = vm.state.registers.get(instr.src1).as_limbs()[0] >> 63 != 0;
        if (instr.handler == Handler::PrecompileCall && extra_pubdata_overflows)
            || (instr.handler == Handler::StorageWrite && frame.this_shard_id != 0)
        {
            break; // zk_evm asserts here (see `compare_run`)
        }
        let cycle = reference.local_state.monotonic_cycle_counter;
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            reference.cycle(&mut GenericNoopTracer::<OracleMemory>::new())
        }));
        std::panic::set_hook(hook);
        if !matches!(done, Ok(Ok(()))) {
            reference.witness_tracer.events.retain(|e: &Recorded| e.cycle != cycle);
            break;
        }
        match vm.step() {
            Ok(Step::Continue | Step::Hook(_)) => {}
            Ok(Step::Finished(_)) => break,
            Err(e) => return Err(format!("zkstack-vm refused: {e}")),
        }
    }
    let theirs = &reference.witness_tracer.events;
    // This reference's decommitter (`SimpleDecommitter<false>`) hands zk_evm no words for a
    // fresh decommitment, and zk_evm then reports no `execute_decommittment` for it (the
    // harness's `SimpleDecommitter<true>` does: `testdata_programs.rs` compares those).
    let mut ours = vm.tracer.events;
    ours.retain(|e| !matches!(&e.event, WitnessEvent::ExecuteDecommit(q, _) if q.is_fresh));
    match first_difference(&ours, theirs) {
        Some(d) => Err(d),
        None => Ok(ours),
    }
}

/// The witness stream of short random runs (`short_runs_match_zk_evm`'s cases) against
/// zk_evm's, event for event; the expected stream is zk_evm's alone.
#[test]
fn short_runs_witness_matches_zk_evm() {
    let cases = cases() / 5;
    let mut runner =
        TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let events = std::cell::RefCell::new(std::collections::BTreeMap::<String, usize>::new());
    let result = runner.run(&any::<u64>(), |seed| {
        let case = short_run_case(seed);
        let run =
            witness_run(&case).map_err(|e| TestCaseError::fail(format!("seed {seed:#x}: {e}")))?;
        for (kind, n) in breakdown(&run) {
            *events.borrow_mut().entry(kind).or_insert(0) += n;
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let events = events.into_inner();
    let total: usize = events.values().sum();
    eprintln!("witness streams of {cases} random runs identical: {total} events {events:#?}");
}
