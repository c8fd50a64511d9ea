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
package io.github.talendsat.sample;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache.Statistics;

/**
 * Runs the workflow once the application has started, reports its outcome and what the
 * token cache did, and gives the exit code: 0 if the execution succeeded.
 *
 * @author talend-sat
 */
@Component
class TalendWorkflowRunner implements ApplicationRunner, ExitCodeGenerator {

	private static final Log logger = LogFactory.getLog(TalendWorkflowRunner.class);

	private final TalendWorkflow workflow;

	private final TalendServiceAccount account;

	private final ApiCallCounter apiCalls;

	private final MeterRegistry meters;

	private volatile @Nullable Execution execution;

	TalendWorkflowRunner(TalendWorkflow workflow, TalendServiceAccount account, ApiCallCounter apiCalls,
			MeterRegistry meters) {
		this.workflow = workflow;
		this.account = account;
		this.apiCalls = apiCalls;
		this.meters = meters;
	}

	@Override
	public void run(ApplicationArguments args) {
		Execution execution = this.workflow.run();
		this.execution = execution;
		if (execution.hasEnded()) {
			logger.info("Execution " + execution.executionId() + " ended with status " + execution.executionStatus());
		}
		else {
			logger.warn("Execution " + execution.executionId() + " is still " + execution.executionStatus()
					+ "; stopped polling after sample.max-polls status requests");
		}
		Statistics tokens = this.account.getTokenCache().statistics();
		logger.info("Tokens obtained: " + tokens.tokensObtained() + ", renewals ahead of expiry: "
				+ tokens.renewalsAhead() + ", API calls made: " + this.apiCalls.count());
		logMetrics();
	}

	/**
	 * The same story as Micrometer tells it, as a dashboard would show it.
	 */
	private void logMetrics() {
		String account = this.account.getName();
		StringBuilder requests = new StringBuilder();
		for (Timer timer : this.meters.find("talend.token.request").tag("talend.account", account).timers()) {
			requests.append(' ')
				.append(timer.getId().getTag("outcome"))
				.append('=')
				.append(timer.count())
				.append(String.format(" (mean %.0f ms)", timer.mean(TimeUnit.MILLISECONDS)));
		}
		logger.info("Metrics: talend.token.request" + requests + "; talend.token.renewals ahead=" + count("ahead")
				+ " rejected=" + count("rejected") + String.format("; talend.token.remaining %.1f s",
						this.meters.find("talend.token.remaining").tag("talend.account", account).gauge().value()));
	}

	private long count(String trigger) {
		FunctionCounter counter = this.meters.find("talend.token.renewals")
			.tags("talend.account", this.account.getName(), "trigger", trigger)
			.functionCounter();
		return (counter != null) ? (long) counter.count() : 0;
	}

	@Override
	public int getExitCode() {
		Execution execution = this.execution;
		return (execution != null && execution.isSuccessful()) ? 0 : 1;
	}

}
