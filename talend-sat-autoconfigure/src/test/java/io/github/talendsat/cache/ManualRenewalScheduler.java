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
package io.github.talendsat.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RenewalScheduler} that only records what it is asked to run, so that a test
 * decides when the background renewal runs after moving its clock.
 *
 * @author talend-sat
 */
final class ManualRenewalScheduler implements RenewalScheduler {

	private final List<Scheduled> pending = new ArrayList<>();

	@Override
	public synchronized void schedule(Runnable task, Duration delay) {
		this.pending.add(new Scheduled(task, delay));
	}

	/**
	 * Return the delays of the tasks waiting to run, in the order they were scheduled.
	 * @return the delays
	 */
	synchronized List<Duration> delays() {
		return this.pending.stream().map(Scheduled::delay).toList();
	}

	/**
	 * Run the tasks waiting now; those they schedule wait for the next call.
	 */
	void runPending() {
		List<Scheduled> due;
		synchronized (this) {
			due = new ArrayList<>(this.pending);
			this.pending.clear();
		}
		due.forEach((scheduled) -> scheduled.task().run());
	}

	private record Scheduled(Runnable task, Duration delay) {

	}

}
