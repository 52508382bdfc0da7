// A build allocates hundreds of thousands of small strings (labels, cells, escaped text);
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(ssme::cli::run());
}
