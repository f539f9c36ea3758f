//! Records the build date for `lianfang --version` and 帮助 → 关于. A packager's
//! `SOURCE_DATE_EPOCH` (reproducible builds) wins over the clock.

fn main() {
    println!("cargo::rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map_or_else(|| chrono::Local::now().date_naive(), |t| t.date_naive());
    println!("cargo::rustc-env=LIANFANG_BUILD_DATE={}", date.format("%Y-%m-%d"));
}
