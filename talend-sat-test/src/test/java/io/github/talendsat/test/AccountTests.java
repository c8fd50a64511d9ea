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

import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link Account} and of the argument checks of the emulator and its builder.
 */
class AccountTests {

	@Test
	void toStringWhenCalledThenHidesSecret() {
		Account account = Account.of("client-1", "a+b/c= %");
		assertThat(account.toString()).contains("client-1").doesNotContain("a+b/c= %");
	}

	@Test
	void ofWhenCalledThenBothPermissions() {
		Account account = Account.of("client-1", "secret-1");
		assertThat(account.canManageServiceAccount()).isTrue();
		assertThat(account.canExecute()).isTrue();
	}

	@Test
	void withersWhenCalledThenChangeOnlyTheirPermission() {
		Account account = Account.of("client-1", "secret-1").withManageServiceAccount(false);
		assertThat(account.canManageServiceAccount()).isFalse();
		assertThat(account.canExecute()).isTrue();
		assertThat(account.withExecute(false)).isEqualTo(new Account("client-1", "secret-1", false, false));
	}

	@Test
	void constructorWhenClientIdHasColonThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> Account.of("client:1", "secret"))
			.withMessage("clientId must not contain ':'");
	}

	@Test
	void constructorWhenSecretEmptyThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> Account.of("client-1", ""))
			.withMessage("clientSecret must not be empty");
	}

	@Test
	void constructorWhenClientIdNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> Account.of(null, "secret"))
			.withMessage("clientId must not be null");
	}

	@Test
	void tokenLifetimeWhenFractionalThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TalendCloudEmulator.builder().tokenLifetime(Duration.ofMillis(1500)))
			.withMessage("tokenLifetime must be a whole number of seconds, at least 1, but was PT1.5S");
	}

	@Test
	void tokenLifetimeWhenZeroThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TalendCloudEmulator.builder().tokenLifetime(Duration.ZERO))
			.withMessage("tokenLifetime must be a whole number of seconds, at least 1, but was PT0S");
	}

	@Test
	void portWhenOutOfRangeThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> TalendCloudEmulator.builder().port(70000))
			.withMessage("port must be between 0 and 65535");
	}

	@Test
	void failTokenRequestsWhenCountNegativeThenIllegalArgument() {
		TalendCloudEmulator emulator = TalendCloudEmulator.builder().build();
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.failTokenRequests(-1, 500, null, null))
			.withMessage("count must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.failTokenRequests(1, 99, null, null))
			.withMessage("status must be between 100 and 599");
	}

	@Test
	void tokenDelayWhenNegativeThenIllegalArgument() {
		TalendCloudEmulator emulator = TalendCloudEmulator.builder().build();
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.tokenDelay(Duration.ofSeconds(-1)))
			.withMessage("delay must not be negative");
	}

}
