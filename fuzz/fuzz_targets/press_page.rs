#![no_main]

mod harness;

libfuzzer_sys::fuzz_target!(|data: &str| {
    harness::press_page(data);
});
