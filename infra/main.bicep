// What `azd up` provisions: a resource group holding everything the tracker runs on in Azure
// (resources.bicep). azd fills the parameters from main.parameters.json and the azd environment
// (`azd env set NAME VALUE`); README.md ("Azure") lists them.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region of the resources (the Azure Bot itself is global).')
param location string

@description('Application (client) ID of the Entra app registration the bot signs in as: MicrosoftAppId.')
param botAppId string

@secure()
@description('A client secret of that app registration: MicrosoftAppPassword. Kept in Key Vault, never in an app setting.')
param botAppPassword string

@allowed(['SingleTenant', 'MultiTenant'])
@description('Supported account types of the app registration (new bots are single tenant).')
param botAppType string = 'SingleTenant'

@description('The Microsoft 365 tenant the board works in, and of a SingleTenant app registration. Empty: this subscription\'s.')
param tenantId string = ''

// Generated once by azd and kept in the azd environment, so links on cards survive a re-provision.
@secure()
@minLength(32)
@metadata({ azd: { type: 'generate', config: { length: 48, noSpecial: true } } })
@description('The key that signs links on cards: LINK_SECRET. Kept in Key Vault.')
param linkSecret string

@description('Object ID of whoever runs azd (AZURE_PRINCIPAL_ID): given table access for the operator CLI. Empty: none.')
param principalId string = ''

@description('App Service plan size (B1 is the smallest with Always On).')
param appServicePlanSku string = 'B1'

@description('Storage redundancy: Standard_LRS, or Standard_ZRS / Standard_GRS where the region offers them.')
param storageSku string = 'Standard_LRS'

@maxLength(42)
@description('The bot\'s name in the Azure Bot resource.')
param botDisplayName string = 'PAM Action Tracker'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var boardTenantId = empty(tenantId) ? tenant().tenantId : tenantId

resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    botAppId: botAppId
    botAppPassword: botAppPassword
    botAppType: botAppType
    tenantId: boardTenantId
    linkSecret: linkSecret
    principalId: principalId
    appServicePlanSku: appServicePlanSku
    storageSku: storageSku
    botDisplayName: botDisplayName
  }
}

// azd writes these into the environment (`azd env get-value NAME`): npm run package and the operator's CLI use them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
output SERVICE_BOT_NAME string = resources.outputs.appName
output PUBLIC_URL string = 'https://${resources.outputs.appHostName}'
output MicrosoftAppId string = botAppId
output TRACKER_TENANT string = boardTenantId
output TABLES_ACCOUNT_URL string = resources.outputs.tablesAccountUrl
