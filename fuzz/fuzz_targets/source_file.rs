#![no_main]

mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::source_file(data);
});
