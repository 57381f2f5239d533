import { SettingType, type ISetting } from '@rocket.chat/apps-engine/definition/settings';

import { SETTINGS, type SettingDeclaration } from './declarations';

/** A masked field where the engine has one (Apps-Engine 1.38+); older engines show a plain text field. */
const PASSWORD: SettingType = (SettingType as unknown as Record<string, SettingType>).PASSWORD ?? SettingType.STRING;

const ENGINE_TYPE: Record<SettingDeclaration<unknown>['type'], SettingType> = {
	text: SettingType.STRING,
	password: PASSWORD,
	choice: SettingType.SELECT,
	number: SettingType.NUMBER,
	flag: SettingType.BOOLEAN,
};

/** A declaration as the Apps-Engine takes it, labelled by the i18n keys its id gives it. */
function definitionOf(setting: SettingDeclaration<unknown>): ISetting {
	return {
		id: setting.id,
		type: ENGINE_TYPE[setting.type],
		packageValue: setting.default,
		required: setting.required,
		public: false,
		i18nLabel: `${setting.id}_label`,
		i18nDescription: `${setting.id}_description`,
		...(setting.multiline ? { multiline: true } : {}),
		...(setting.choices ? { values: setting.choices.map((key) => ({ key, i18nLabel: `${setting.id}_${key}` })) } : {}),
	};
}

/** What the app provides to the engine, in the order admins see the settings. */
export const settingDefinitions: ReadonlyArray<ISetting> = Object.values(SETTINGS).map(definitionOf);
