fn main() {
    std::process::exit(ssme::cli::run());
}
