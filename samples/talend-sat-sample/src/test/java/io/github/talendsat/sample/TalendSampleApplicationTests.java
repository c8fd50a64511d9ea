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

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache.Statistics;
import io.github.talendsat.test.TalendCloudEmulator;
import io.github.talendsat.test.TalendCloudEmulator.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole sample against the Talend Cloud emulator.
 *
 * @author talend-sat
 */
@ExtendWith(OutputCaptureExtension.class)
class TalendSampleApplicationTests {

	/**
	 * No client id, so that the sample starts the emulator even where TALEND_CLIENT_ID is
	 * set and a test never runs a real task; 6 s tokens, so that it polls every 2.1 s.
	 */
	private static final String[] EMULATOR_ARGS = { "--talend.service-account.client-id=",
			"--sample.emulator.token-lifetime=6s" };

	@Test
	void applicationWhenNoCredentialsThenRunsTaskOnEmulatorWithHttpServiceAndRenewsTokenAhead(CapturedOutput output) {
		SampleRun run = run();
		assertThat(run.workflow()).isInstanceOf(HttpServiceTalendWorkflow.class);
		assertSucceededWithRenewal(run, output);
	}

	@Test
	void applicationWhenReactiveProfileThenRunsTaskOnEmulatorWithWebClientAndRenewsTokenAhead(CapturedOutput output) {
		SampleRun run = run("reactive");
		assertThat(run.workflow()).isInstanceOf(WebClientTalendWorkflow.class);
		assertSucceededWithRenewal(run, output);
	}

	private static SampleRun run(String... profiles) {
		SpringApplication application = TalendSampleApplication.application();
		application.setAdditionalProfiles(profiles);
		ConfigurableApplicationContext context = application.run(EMULATOR_ARGS);
		TalendWorkflow workflow = context.getBean(TalendWorkflow.class);
		Statistics tokens = context.getBean(TalendServiceAccount.class).getTokenCache().statistics();
		Set<String> tokensSent = context.getBean(TalendCloudEmulator.class).tokensSeen();
		return new SampleRun(workflow, tokens, tokensSent, SpringApplication.exit(context));
	}

	private static void assertSucceededWithRenewal(SampleRun run, CapturedOutput output) {
		assertThat(run.exitCode()).isZero();
		assertThat(run.tokens().tokensObtained()).isGreaterThanOrEqualTo(2);
		assertThat(run.tokens().renewalsAhead()).isGreaterThanOrEqualTo(1);
		assertThat(output).contains("Running against the Talend Cloud emulator at http://127.0.0.1:")
			.contains("ended with status execution_successful")
			.contains("API calls made: 6")
			.containsPattern(
					"Metrics: talend.token.request success=2 \\(mean \\d+ ms\\); talend.token.renewals ahead=1 rejected=0")
			.doesNotContain(Account.DEMO_CLIENT_SECRET);
		assertThat(run.tokensSent()).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((token) -> assertThat(output).doesNotContain(token));
	}

	private record SampleRun(TalendWorkflow workflow, Statistics tokens, Set<String> tokensSent, int exitCode) {

	}

}
