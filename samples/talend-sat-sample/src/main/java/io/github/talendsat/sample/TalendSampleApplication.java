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

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Runs the first task of the first workspace of the {@code default} environment, waits
 * for its end and exits with 0 if it succeeded. {@link TalendCloudApi}, imported into the
 * {@code talend} HTTP service group that talend-sat authenticates, does the work, or the
 * {@code talendWebClient} under the {@code reactive} profile.
 * <p>
 * With {@code TALEND_CLIENT_ID}, {@code TALEND_CLIENT_SECRET} and {@code TALEND_REGION}
 * set it calls Talend Cloud; without them it calls the Talend Cloud emulator.
 *
 * @author talend-sat
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
@ImportHttpServices(group = "talend", types = TalendCloudApi.class)
public class TalendSampleApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(application().run(args)));
	}

	static SpringApplication application() {
		SpringApplication application = new SpringApplication(TalendSampleApplication.class);
		application.setMainApplicationClass(TalendSampleApplication.class);
		application.addInitializers(new TalendCloudEmulatorInitializer());
		return application;
	}

}
