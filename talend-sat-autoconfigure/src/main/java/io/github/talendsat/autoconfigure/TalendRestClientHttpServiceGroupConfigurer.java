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

import org.springframework.beans.factory.BeanFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

import io.github.talendsat.client.TalendBearerInterceptor;

/**
 * Bases the {@link RestClient} of each HTTP service group named after a service account
 * at the account's API and has it carry the account's token.
 * <p>
 * It runs after Spring Boot's configurers, so that the group's client matches
 * {@code talendRestClient}: the application's customizers first, the token innermost and
 * a renewal invisible to them. It runs before the application's own configurers, which by
 * default come last, so that they can still change the base URL.
 *
 * @author talend-sat
 */
class TalendRestClientHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	static final int ORDER = 10;

	private final TalendHttpServiceGroups groups;

	private final BeanFactory beanFactory;

	TalendRestClientHttpServiceGroupConfigurer(TalendHttpServiceGroups groups, BeanFactory beanFactory) {
		this.groups = groups;
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		this.groups.forEachAccountClient(groups, (builder, account, baseUrl, properties) -> {
			NonRedirectingHttpClients.configure(builder, this.beanFactory, properties);
			builder.baseUrl(baseUrl).requestInterceptor(new TalendBearerInterceptor(account));
		});
	}

}
