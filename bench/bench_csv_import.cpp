// CSV import rate (MB/s on a generated 100 MB numeric file) and peak memory of importing a
// 1,000,000 x 20 numeric CSV, measured in a child process against the resulting matrix.
//   cmake --build build/dev --target bench_csv_import && build/dev/bin/bench_csv_import
// `bench_csv_import --write-csv FILE ROWS COLS` writes the same kind of file and exits, for
// the peer (bench/pandas_csv_import.py) to read the very same bytes.
#include "io/CsvReader.h"
#include "core/Random.h"

#include <benchmark/benchmark.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// Writes `rows` x `cols` random numbers (shortest float text, magnitudes 1e-3 .. 1e3) with a
// header; the last column is a continuous target, so the task is regression.
void writeNumericCsv(const fs::path& path, long long rows, int cols)
{
    std::ofstream out(path, std::ios::binary);
    tw::Random rng(42);
    std::string line;
    for (int c = 0; c < cols; ++c)
        line += (c ? ",f" : "f") + std::to_string(c);
    out << line << '\n';
    char buf[32];
    for (long long r = 0; r < rows; ++r) {
        line.clear();
        for (int c = 0; c < cols; ++c) {
            const float v = float(rng.uniform(-1.0, 1.0)) * std::pow(10.0f, float(rng.between(-3, 3)));
            const auto res = std::to_chars(buf, buf + sizeof buf, v);
            if (c)
                line += ',';
            line.append(buf, res.ptr);
        }
        line += '\n';
        out << line;
    }
}

struct TempFiles {
    fs::path dir = fs::temp_directory_path() / ("tw_bench_csv_" + std::to_string(::getpid()));
    fs::path rate = dir / "numeric_100MB.csv";
    fs::path memory = dir / "numeric_1Mx20.csv";
    TempFiles() { fs::create_directories(dir); }
    ~TempFiles() { fs::remove_all(dir); }
};

TempFiles& files()
{
    static TempFiles t;
    return t;
}

const fs::path& rateFile()
{
    static const bool made = [] {
        // About 100 MB: 20 columns of ~9.5 characters each.
        long long rows = 436000;
        writeNumericCsv(files().rate, rows, 20);
        return true;
    }();
    (void)made;
    return files().rate;
}

void BM_CsvImportNumeric100MB(benchmark::State& state)
{
    const fs::path& path = rateFile();
    const auto bytes = static_cast<long long>(fs::file_size(path));
    const QString qpath = QString::fromStdString(path.string());
    long long rows = 0;
    for (auto _ : state) {
        const auto r = tw::CsvReader().readFile(qpath);
        rows = r.data.rows();
        benchmark::DoNotOptimize(r.data.x.data());
    }
    state.SetBytesProcessed(state.iterations() * bytes);
    state.counters["MB/s"] =
        benchmark::Counter(double(bytes) * double(state.iterations()) / 1e6,
                           benchmark::Counter::kIsRate);
    state.counters["file_MB"] = double(bytes) / 1e6;
    state.counters["rows"] = double(rows);
}
BENCHMARK(BM_CsvImportNumeric100MB)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Context for the figure above on the same machine: std::from_chars over every field of the
// same file already in memory, no tokenizing, no I/O. A reader cannot beat this by much.
void BM_BaselineFromCharsInMemory(benchmark::State& state)
{
    const fs::path& path = rateFile();
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const char* body = text.data() + text.find('\n') + 1;
    const char* end = text.data() + text.size();
    for (auto _ : state) {
        float sum = 0;
        for (const char* p = body; p < end;) {
            float v = 0;
            const auto r = std::from_chars(p, end, v);
            sum += v;
            p = r.ptr + 1;
        }
        benchmark::DoNotOptimize(sum);
    }
    state.counters["MB/s"] = benchmark::Counter(double(text.size()) * double(state.iterations()) / 1e6,
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaselineFromCharsInMemory)->Unit(benchmark::kMillisecond)->MinTime(2.0);

long long statusKb(const char* key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const size_t n = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, n, key) == 0)
            return std::atoll(line.c_str() + n + 1);
    return -1;
}

// Child process: import and report RSS before and the high-water mark after.
int childImport(const char* path)
{
    const QString qpath = QString::fromLocal8Bit(path);
    tw::CsvReader reader;
    const long long before = statusKb("VmRSS:");
    const auto r = reader.readFile(qpath);
    const long long peak = statusKb("VmHWM:");
    const long long bytes = (r.data.x.size() + r.data.y.size()) * static_cast<long long>(sizeof(float));
    std::printf("%lld %lld %lld %lld %lld\n", before, peak, (long long)r.data.rows(),
                (long long)r.data.features(), bytes);
    return 0;
}

void BM_CsvImportPeakMemory1Mx20(benchmark::State& state)
{
    static const bool made = [] {
        writeNumericCsv(files().memory, 1000000, 20);
        return true;
    }();
    (void)made;
    long long before = 0, peak = 0, rows = 0, cols = 0, bytes = 0;
    for (auto _ : state) {
        // popen runs a shell, whose /proc/self/exe is the shell: resolve ours first.
        const std::string cmd = fs::read_symlink("/proc/self/exe").string() + " --child-import '" +
                                files().memory.string() + "'";
        FILE* p = ::popen(cmd.c_str(), "r");
        if (!p || std::fscanf(p, "%lld %lld %lld %lld %lld", &before, &peak, &rows, &cols,
                              &bytes) != 5) {
            state.SkipWithError("the child import failed");
            if (p)
                ::pclose(p);
            return;
        }
        ::pclose(p);
    }
    const double mib = 1024.0 * 1024.0;
    state.counters["file_MB"] = double(fs::file_size(files().memory)) / 1e6;
    state.counters["rows"] = double(rows);
    state.counters["features"] = double(cols);
    state.counters["matrix_MiB"] = double(bytes) / mib;  // x and y
    state.counters["rss_before_MiB"] = double(before) / 1024.0;
    state.counters["rss_peak_MiB"] = double(peak) / 1024.0;
    state.counters["growth_over_matrix"] = double(peak - before) * 1024.0 / double(bytes);
    state.counters["peak_over_matrix"] = double(peak) * 1024.0 / double(bytes);
}
BENCHMARK(BM_CsvImportPeakMemory1Mx20)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--child-import") == 0)
        return childImport(argv[2]);
    if (argc == 5 && std::strcmp(argv[1], "--write-csv") == 0) {
        const long long rows = std::atoll(argv[3]);
        const int cols = std::atoi(argv[4]);
        if (rows < 1 || cols < 1) {
            std::fprintf(stderr, "bench_csv_import: --write-csv FILE ROWS COLS takes positive "
                                 "numbers, not '%s' '%s'\n", argv[3], argv[4]);
            return 2;
        }
        writeNumericCsv(argv[2], rows, cols);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    files();  // removed at exit
    return 0;
}
