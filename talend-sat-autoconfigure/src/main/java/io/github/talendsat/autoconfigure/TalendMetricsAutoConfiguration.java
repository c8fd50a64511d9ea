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

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.observability.TalendTokenMeterBinder;

/**
 * Auto-configuration of the token lifecycle meters of every Talend service account, the
 * default one and the named ones: {@code talend.token.renewals} and
 * {@code talend.token.remaining}. The {@code talend.token.request} timer comes from the
 * observation around each token request, through Spring Boot's meter observation handler.
 *
 * @author talend-sat
 * @since 0.1.0
 * @see TalendTokenMeterBinder
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		TalendServiceAccountAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@Conditional(AnyServiceAccountCondition.class)
public final class TalendMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TalendTokenMeterBinder talendTokenMeterBinder(ObjectProvider<TalendServiceAccount> accounts) {
		return new TalendTokenMeterBinder(accounts.orderedStream(ObjectProvider.UNFILTERED).toList());
	}

}
