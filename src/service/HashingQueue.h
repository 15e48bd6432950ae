#pragma once
// Runs Argon2id work (hashing and verifying passwords) on its own small pool of threads with a
// bounded queue, so a burst of sign-ins takes at most `threads` cores and `capacity` waiting
// slots, and never starves the request threads serving everyone else. When the queue is full
// the caller gets core::Error(Unavailable) at once instead of waiting.
//
// Thread-safe. Destruction finishes queued work first.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "crypto/PasswordHasher.h"

namespace binhan::service {

class HashingQueue {
  public:
    HashingQueue(const crypto::PasswordHasher& hasher, int threads, std::size_t capacity);
    ~HashingQueue();
    HashingQueue(const HashingQueue&) = delete;
    HashingQueue& operator=(const HashingQueue&) = delete;

    // Both block the caller until the work is done; throw Unavailable when the queue is full.
    std::string hash(const std::string& password);
    bool verify(const std::string& password, const std::string& encodedHash);
    // Verifications run so far (for metrics, and for tests that no sign-in skips the hash).
    std::uint64_t verifications() const { return verifications_.load(); }

  private:
    void submit(std::function<void()> work);
    void run();

    const crypto::PasswordHasher& hasher_;
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> queue_;  // GUARDED_BY(mutex_)
    bool stopping_ = false;                    // GUARDED_BY(mutex_)
    std::vector<std::thread> workers_;
    std::atomic<std::uint64_t> verifications_{0};
};

}  // namespace binhan::service
