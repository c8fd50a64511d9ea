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
package io.github.talendsat.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import io.github.talendsat.account.TalendServiceAccount;

/**
 * Auto-configuration of the {@code talend} health contributor: one indicator per Talend
 * service account, the default one and the named ones, each under the account's name, as
 * in {@code /actuator/health/talend/default}. An account is up while it holds a usable
 * token or can obtain one. Turned off with
 * {@code management.health.talend.enabled=false}.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@AutoConfiguration(after = TalendServiceAccountAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("talend")
@Conditional(AnyServiceAccountCondition.class)
public final class TalendHealthAutoConfiguration {

	/**
	 * How long a health check waits for a token when none is held: long enough for a
	 * healthy token endpoint, short enough for a probe.
	 */
	static final Duration TOKEN_WAIT = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean(name = { "talendHealthIndicator", "talendHealthContributor" })
	CompositeHealthContributor talendHealthContributor(ObjectProvider<TalendServiceAccount> accounts) {
		Map<String, TalendServiceAccount> byName = new LinkedHashMap<>();
		accounts.orderedStream(ObjectProvider.UNFILTERED).forEach((account) -> byName.put(account.getName(), account));
		return CompositeHealthContributor.fromMap(byName, (account) -> new TalendHealthIndicator(account, TOKEN_WAIT));
	}

}
