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
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the emulator has seen: exact counters and request logs, safe under concurrent
 * requests.
 */
final class Traffic {

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger tokensIssued = new AtomicInteger();

	private final AtomicInteger apiCalls = new AtomicInteger();

	private final AtomicInteger rejectedApiCalls = new AtomicInteger();

	private final Queue<RecordedRequest> tokenRequestLog = new ConcurrentLinkedQueue<>();

	private final Queue<RecordedRequest> apiRequestLog = new ConcurrentLinkedQueue<>();

	private final Set<String> tokensSeen = new LinkedHashSet<>();

	private final Object arrivals = new Object();

	void tokenRequest(RecordedRequest request) {
		// Logged before counted, so a reader who sees the count also finds the request.
		this.tokenRequestLog.add(request);
		synchronized (this.arrivals) {
			this.tokenRequests.incrementAndGet();
			this.arrivals.notifyAll();
		}
	}

	void tokenIssued() {
		this.tokensIssued.incrementAndGet();
	}

	void apiCall(RecordedRequest request) {
		this.apiRequestLog.add(request);
		this.apiCalls.incrementAndGet();
	}

	void apiCallRejected() {
		this.rejectedApiCalls.incrementAndGet();
	}

	void tokenSeen(String token) {
		synchronized (this.tokensSeen) {
			this.tokensSeen.add(token);
		}
	}

	int tokenRequests() {
		return this.tokenRequests.get();
	}

	int tokensIssued() {
		return this.tokensIssued.get();
	}

	int apiCalls() {
		return this.apiCalls.get();
	}

	int rejectedApiCalls() {
		return this.rejectedApiCalls.get();
	}

	List<RecordedRequest> tokenRequestLog() {
		return List.copyOf(this.tokenRequestLog);
	}

	List<RecordedRequest> apiRequestLog() {
		return List.copyOf(this.apiRequestLog);
	}

	Set<String> tokensSeen() {
		synchronized (this.tokensSeen) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.tokensSeen));
		}
	}

	boolean awaitTokenRequests(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.arrivals) {
			while (this.tokenRequests.get() < count) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				this.arrivals.wait(Math.max(1, remaining / 1_000_000));
			}
			return true;
		}
	}

	void reset() {
		this.tokenRequestLog.clear();
		this.apiRequestLog.clear();
		synchronized (this.tokensSeen) {
			this.tokensSeen.clear();
		}
		synchronized (this.arrivals) {
			this.tokenRequests.set(0);
		}
		this.tokensIssued.set(0);
		this.apiCalls.set(0);
		this.rejectedApiCalls.set(0);
	}

}
