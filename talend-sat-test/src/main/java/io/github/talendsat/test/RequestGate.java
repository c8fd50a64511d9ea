/*
 * Copyright 2026 the talend-sat authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.talendsat.test;

import java.time.Duration;

/**
 * Holds token requests on their server thread, to emulate a slow or hanging token
 * endpoint. Closing the gate releases every held request at once, so that stopping the
 * emulator never waits for a hold to end.
 */
final class RequestGate {

	private final Object lock = new Object();

	private boolean hanging;

	private boolean closed;

	void hang(boolean hang) {
		synchronized (this.lock) {
			this.hanging = hang;
			this.lock.notifyAll();
		}
	}

	void open() {
		synchronized (this.lock) {
			this.closed = false;
		}
	}

	void close() {
		synchronized (this.lock) {
			this.closed = true;
			this.lock.notifyAll();
		}
	}

	/**
	 * Wait while the gate hangs.
	 * @return {@code true} to go on, {@code false} if the gate was closed meanwhile
	 */
	boolean awaitRelease() {
		synchronized (this.lock) {
			while (this.hanging && !this.closed) {
				if (!waitOnLock(0)) {
					return false;
				}
			}
			return !this.closed;
		}
	}

	/**
	 * Wait for the given delay.
	 * @param delay how long to wait
	 * @return {@code true} to go on, {@code false} if the gate was closed meanwhile
	 */
	boolean pause(Duration delay) {
		long deadline = System.nanoTime() + delay.toNanos();
		synchronized (this.lock) {
			long remaining = delay.toNanos();
			while (remaining > 0 && !this.closed) {
				if (!waitOnLock(Math.max(1, remaining / 1_000_000))) {
					return false;
				}
				remaining = deadline - System.nanoTime();
			}
			return !this.closed;
		}
	}

	private boolean waitOnLock(long millis) {
		try {
			this.lock.wait(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
