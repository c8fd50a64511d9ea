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
package io.github.talendsat.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a client from several threads and records every call.
 *
 * @author talend-sat
 */
final class Load {

	private Load() {
	}

	/**
	 * Run a closed loop: each thread calls, waits the think time, and calls again until
	 * the duration is over. The calling thread meanwhile runs the events when they are
	 * due and marks when each one ran.
	 * @param client the client
	 * @param threads how many calling threads
	 * @param duration how long to call
	 * @param thinkTime the pause after each call, {@link Duration#ZERO} for none
	 * @param watchToken whether to note before each call if the client holds a usable
	 * token, that is whether the call will go without waiting for the token endpoint; it
	 * costs a little, so runs that measure throughput leave it out
	 * @param events what to do during the run, in the order they are due
	 * @return the recording
	 */
	static Recording closedLoop(BenchmarkClient client, int threads, Duration duration, Duration thinkTime,
			boolean watchToken, List<Event> events) {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		long[] origin = new long[1];
		long durationNanos = duration.toNanos();
		long thinkNanos = thinkTime.toNanos();
		List<Samples> samples = new ArrayList<>();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Samples own = new Samples();
			samples.add(own);
			workers.add(new Thread(() -> {
				ready.countDown();
				awaitQuietly(go);
				long start = origin[0];
				long deadline = start + durationNanos;
				long now = System.nanoTime();
				while (now < deadline) {
					if (watchToken && client.usableToken() == null) {
						own.tokenWaits++;
					}
					boolean ok = callQuietly(client);
					long end = System.nanoTime();
					own.add(now - start, end - now, !ok);
					if (thinkNanos > 0) {
						LockSupport.parkNanos(thinkNanos);
					}
					now = System.nanoTime();
				}
			}, client.implementation().label() + "-caller-" + i));
		}
		workers.forEach(Thread::start);
		awaitQuietly(ready);
		origin[0] = System.nanoTime();
		go.countDown();
		Map<String, Long> marks = new LinkedHashMap<>();
		for (Event event : events) {
			sleepUntil(origin[0] + event.at().toNanos());
			marks.put(event.name(), System.nanoTime() - origin[0]);
			event.action().run();
		}
		workers.forEach(Load::joinQuietly);
		return Samples.merge(samples, durationNanos, marks);
	}

	/**
	 * Release all callers at once, each making one call, and measure how long each waited
	 * from the release to its answer.
	 * @param client the client
	 * @param callers how many callers
	 * @return the recording
	 */
	static Recording burst(BenchmarkClient client, int callers) {
		CountDownLatch ready = new CountDownLatch(callers);
		CountDownLatch go = new CountDownLatch(1);
		long[] release = new long[1];
		Samples[] samples = new Samples[callers];
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			Samples own = new Samples();
			samples[i] = own;
			threads.add(new Thread(() -> {
				ready.countDown();
				awaitQuietly(go);
				boolean ok = callQuietly(client);
				own.add(0, System.nanoTime() - release[0], !ok);
			}, client.implementation().label() + "-burst-" + i));
		}
		threads.forEach(Thread::start);
		awaitQuietly(ready);
		release[0] = System.nanoTime();
		go.countDown();
		threads.forEach(Load::joinQuietly);
		return Samples.merge(Arrays.asList(samples), System.nanoTime() - release[0], Map.of());
	}

	private static boolean callQuietly(BenchmarkClient client) {
		try {
			client.call();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void sleepUntil(long nanoTime) {
		long remaining = nanoTime - System.nanoTime();
		while (remaining > 0) {
			LockSupport.parkNanos(remaining);
			remaining = nanoTime - System.nanoTime();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the callers", ex);
		}
	}

	private static void joinQuietly(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the callers", ex);
		}
	}

	/**
	 * Something to do during a run, such as turning an outage on.
	 *
	 * @param at when, from the start of the run
	 * @param name the name of the mark that records when it ran
	 * @param action what to do
	 */
	record Event(Duration at, String name, Runnable action) {

	}

	/**
	 * One thread's calls, in growing arrays.
	 */
	private static final class Samples {

		private long[] starts = new long[4096];

		private long[] latencies = new long[4096];

		private boolean[] failed = new boolean[4096];

		private int size;

		private int tokenWaits;

		void add(long start, long latency, boolean failure) {
			if (this.size == this.starts.length) {
				int capacity = this.size * 2;
				this.starts = Arrays.copyOf(this.starts, capacity);
				this.latencies = Arrays.copyOf(this.latencies, capacity);
				this.failed = Arrays.copyOf(this.failed, capacity);
			}
			this.starts[this.size] = start;
			this.latencies[this.size] = latency;
			this.failed[this.size] = failure;
			this.size++;
		}

		static Recording merge(List<Samples> all, long durationNanos, Map<String, Long> marks) {
			int total = all.stream().mapToInt((samples) -> samples.size).sum();
			long[] starts = new long[total];
			long[] latencies = new long[total];
			boolean[] failed = new boolean[total];
			int offset = 0;
			int tokenWaits = 0;
			for (Samples samples : all) {
				tokenWaits += samples.tokenWaits;
				System.arraycopy(samples.starts, 0, starts, offset, samples.size);
				System.arraycopy(samples.latencies, 0, latencies, offset, samples.size);
				System.arraycopy(samples.failed, 0, failed, offset, samples.size);
				offset += samples.size;
			}
			return new Recording(starts, latencies, failed, tokenWaits, durationNanos, marks);
		}

	}

}
