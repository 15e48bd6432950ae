#include "service/HashingQueue.h"

#include "core/Error.h"

namespace binhan::service {

HashingQueue::HashingQueue(const crypto::PasswordHasher& hasher, int threads, std::size_t capacity)
    : hasher_(hasher), capacity_(capacity) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { run(); });
}

HashingQueue::~HashingQueue() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& worker : workers_) worker.join();
}

void HashingQueue::submit(std::function<void()> work) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (queue_.size() >= capacity_)
            throw core::Unavailable("Too many sign-ins at once; try again in a moment.");
        queue_.push_back(std::move(work));
    }
    ready_.notify_one();
}

void HashingQueue::run() {
    for (;;) {
        std::function<void()> work;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            work = std::move(queue_.front());
            queue_.pop_front();
        }
        work();
    }
}

std::string HashingQueue::hash(const std::string& password) {
    auto task = std::make_shared<std::packaged_task<std::string()>>(
        [this, password] { return hasher_.hash(password); });
    auto result = task->get_future();
    submit([task] { (*task)(); });
    return result.get();
}

bool HashingQueue::verify(const std::string& password, const std::string& encodedHash) {
    auto task = std::make_shared<std::packaged_task<bool()>>([this, password, encodedHash] {
        ++verifications_;
        return hasher_.verify(password, encodedHash);
    });
    auto result = task->get_future();
    submit([task] { (*task)(); });
    return result.get();
}

}  // namespace binhan::service
