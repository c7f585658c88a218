//! `qlite`: run q scripts and console input like kdb+ `q` (`qlite [script.q] [-q]`).

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = dsforge::q::console::main_with(args);
    std::process::ExitCode::from(code.clamp(0, 255) as u8)
}
