package io.sluice.runtime.local;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a task waiting for input on any of its channels. A ring before the wait is not lost: the waiter returns
 * at once. Writers only take the lock when the bell goes from quiet to rung, so a busy channel costs one CAS.
 */
final class Doorbell {

    private final AtomicBoolean rung = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ringing = lock.newCondition();

    void ring() {
        if (rung.compareAndSet(false, true)) {
            lock.lock();
            try {
                ringing.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until rung (or the timeout), then quiets the bell. */
    void await(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!rung.get() && nanos > 0) {
                nanos = ringing.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
        rung.set(false);
    }
}
