// Benchmark, not a test: the cost of the at-rest encryption of one whole case record
// (DESIGN.md §3): unwrap the case key under the master key, encrypt the case's 12 encrypted
// fields, decrypt them again. Prints the median and 99th percentile of each step, in
// microseconds, over N iterations (default 20000, first argument).
//
// Usage: bench_case_crypto [iterations]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "crypto/CaseKeys.h"
#include "crypto/FieldCipher.h"
#include "crypto/SecureRandom.h"

using namespace binhan::crypto;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kCaseId = 1234;

struct Field {
    FieldContext context;
    std::string value;
};

std::string repeatTo(const std::string& sentence, std::size_t size) {
    std::string out;
    while (out.size() < size) out += sentence;
    out.resize(size);  // may cut a UTF-8 sequence; irrelevant to the cipher
    return out;
}

// A made-up case: names, numbers and text are invented.
std::vector<Field> sampleCase() {
    const std::string narrative = repeatTo(
        "Người báo tin cho biết sự việc xảy ra tại nhà riêng ở thôn 3 vào buổi tối. ", 1024);
    const std::string injuries = repeatTo("Bầm tím ở cánh tay trái, trầy xước nhẹ. ", 200);
    const std::string notes = repeatTo("Đã hẹn gặp lại sau một tuần tại trụ sở xã. ", 300);
    return {
        {{"survivor", kCaseId, "full_name", 1}, "Lê Thị Thu Hà"},
        {{"survivor", kCaseId, "phone", 1}, "0900000001"},
        {{"survivor", kCaseId, "id_number", 1}, "000000000001"},
        {{"survivor", kCaseId, "birth_year", 1}, "1990"},
        {{"survivor", kCaseId, "village", 1}, "Thôn 3"},
        {{"perpetrator", kCaseId, "full_name", 1}, "Phan Văn Tùng"},
        {{"perpetrator", kCaseId, "phone", 1}, "0900000002"},
        {{"perpetrator", kCaseId, "id_number", 1}, "000000000002"},
        {{"perpetrator", kCaseId, "birth_year", 1}, "1987"},
        {{"incident", kCaseId, "narrative", 1}, narrative},
        {{"incident", kCaseId, "injuries", 1}, injuries},
        {{"event", kCaseId, "notes", 1}, notes},
    };
}

double micros(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

void report(const char* step, std::vector<double>& samples) {
    std::sort(samples.begin(), samples.end());
    const double median = samples[samples.size() / 2];
    const double p99 = samples[samples.size() * 99 / 100];
    std::printf("  %-40s median %8.2f us   p99 %8.2f us\n", step, median, p99);
}

}  // namespace

int main(int argc, char** argv) {
    const long iterations = argc > 1 ? std::max(1L, std::atol(argv[1])) : 20000;
    initialiseCrypto();
    const KeyRing ring = newKeyRing();
    const WrappedKey wrapped = wrapCaseKey(ring, kCaseId, newCaseKey());
    const std::vector<Field> fields = sampleCase();
    std::size_t plaintextBytes = 0;
    for (const Field& f : fields) plaintextBytes += f.value.size();

    std::vector<double> unwrap, encrypt, decrypt, whole;
    std::vector<std::vector<std::uint8_t>> sealedFields(fields.size());
    std::vector<std::string> opened(fields.size());
    const long warmUp = std::min(1000L, iterations);
    for (long i = -warmUp; i < iterations; ++i) {
        const auto t0 = Clock::now();
        const SecretBytes caseKey = unwrapCaseKey(ring, kCaseId, wrapped);
        const auto t1 = Clock::now();
        for (std::size_t f = 0; f < fields.size(); ++f)
            sealedFields[f] = encryptField(caseKey, fields[f].context, fields[f].value);
        const auto t2 = Clock::now();
        for (std::size_t f = 0; f < fields.size(); ++f)
            opened[f] = decryptField(caseKey, fields[f].context, sealedFields[f]);
        const auto t3 = Clock::now();
        for (std::size_t f = 0; f < fields.size(); ++f)
            if (opened[f] != fields[f].value) return std::fprintf(stderr, "round trip failed\n"), 1;
        if (i < 0) continue;
        unwrap.push_back(micros(t1 - t0));
        encrypt.push_back(micros(t2 - t1));
        decrypt.push_back(micros(t3 - t2));
        whole.push_back(micros(t3 - t0));
    }
    std::printf("bench_case_crypto: %zu fields, %zu plaintext bytes, %ld iterations\n",
                fields.size(), plaintextBytes, iterations);
    report("unwrap case key", unwrap);
    report("encrypt all fields", encrypt);
    report("decrypt all fields", decrypt);
    report("whole case (unwrap + encrypt + decrypt)", whole);
    return 0;
}
