#pragma once
// A TS 29.228 IMS subscription as the HSS returns it in the SAA User-Data.

namespace ims::scscf::test {

inline constexpr const char* kProfileXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<IMSSubscription>
  <PrivateID>alice@ims.example.org</PrivateID>
  <ServiceProfile>
    <PublicIdentity>
      <BarringIndication>0</BarringIndication>
      <Identity>sip:alice@ims.example.org</Identity>
      <Extension><IdentityType>0</IdentityType></Extension>
    </PublicIdentity>
    <PublicIdentity>
      <Identity>tel:+15550100</Identity>
    </PublicIdentity>
    <PublicIdentity>
      <BarringIndication>1</BarringIndication>
      <Identity>sip:alice-barred@ims.example.org</Identity>
    </PublicIdentity>
    <InitialFilterCriteria>
      <Priority>20</Priority>
      <TriggerPoint>
        <ConditionTypeCNF>0</ConditionTypeCNF>
        <SPT><ConditionNegated>0</ConditionNegated><Group>0</Group><Method>INVITE</Method></SPT>
      </TriggerPoint>
      <ApplicationServer>
        <ServerName>sip:mmtel@as.ims.example.org</ServerName>
        <DefaultHandling>0</DefaultHandling>
      </ApplicationServer>
    </InitialFilterCriteria>
    <InitialFilterCriteria>
      <Priority>10</Priority>
      <TriggerPoint>
        <ConditionTypeCNF>1</ConditionTypeCNF>
        <SPT><ConditionNegated>0</ConditionNegated><Group>0</Group><Method>REGISTER</Method></SPT>
        <SPT><ConditionNegated>0</ConditionNegated><Group>1</Group><SessionCase>0</SessionCase></SPT>
      </TriggerPoint>
      <ApplicationServer>
        <ServerName>sip:as@127.0.0.1:7060</ServerName>
        <DefaultHandling>1</DefaultHandling>
        <ServiceInfo>hello &amp; welcome</ServiceInfo>
        <Extension><IncludeRegisterRequest/><IncludeRegisterResponse/></Extension>
      </ApplicationServer>
      <ProfilePartIndicator>0</ProfilePartIndicator>
    </InitialFilterCriteria>
  </ServiceProfile>
</IMSSubscription>
)";

}  // namespace ims::scscf::test
