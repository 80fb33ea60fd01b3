<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>vv::dashboard</name>
    <message numerus="yes">
        <source>The cap fills in about %n day(s) (%1 a month); %2.</source>
        <translation>
            <numerusform>The cap fills in about %n day (%1 a month); %2.</numerusform>
            <numerusform>The cap fills in about %n days (%1 a month); %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) missed today</source>
        <translation>
            <numerusform>%n call missed today</numerusform>
            <numerusform>%n calls missed today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) recorded badly today</source>
        <translation>
            <numerusform>%n call recorded badly today</numerusform>
            <numerusform>%n calls recorded badly today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missed in 7 days</source>
        <translation>
            <numerusform>%n missed in 7 days</numerusform>
            <numerusform>%n missed in 7 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open alert(s)</source>
        <translation>
            <numerusform>%n open alert</numerusform>
            <numerusform>%n open alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vv::recordings::RecordingsView</name>
    <message numerus="yes">
        <source>One conversation in %n part(s): </source>
        <translation>
            <numerusform>One conversation in %n part: </numerusform>
            <numerusform>One conversation in %n parts: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vv::recordings::SubjectDialog</name>
    <message numerus="yes">
        <source>%n call(s) with %1</source>
        <translation>
            <numerusform>%n call with %1</numerusform>
            <numerusform>%n calls with %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with audio (%1)</source>
        <translation>
            <numerusform>%n with audio (%1)</numerusform>
            <numerusform>%n with audio (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n under legal hold: kept by an erasure until the hold is released.</source>
        <translation>
            <numerusform>%n under legal hold: kept by an erasure until the hold is released.</numerusform>
            <numerusform>%n under legal hold: kept by an erasure until the hold is released.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still being recorded: kept; erase again after the call.</source>
        <translation>
            <numerusform>%n still being recorded: kept; erase again after the call.</numerusform>
            <numerusform>%n still being recorded: kept; erase again after the call.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The erasure did not finish: %1. %n call(s) were erased; find again to see what is left.</source>
        <translation>
            <numerusform>The erasure did not finish: %1. %n call was erased; find again to see what is left.</numerusform>
            <numerusform>The erasure did not finish: %1. %n calls were erased; find again to see what is left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erased: %n call(s). The audit log records each erasure (without the number).</source>
        <translation>
            <numerusform>Erased: %n call. The audit log records each erasure (without the number).</numerusform>
            <numerusform>Erased: %n calls. The audit log records each erasure (without the number).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erase %n call(s) with %1 from this vault? Their audio (%2) and the number in each of them are removed for good; this cannot be undone. Recordings under legal hold are kept.</source>
        <translation>
            <numerusform>Erase %n call with %1 from this vault? Its audio (%2) and the number in it are removed for good; this cannot be undone. Recordings under legal hold are kept.</numerusform>
            <numerusform>Erase %n calls with %1 from this vault? Their audio (%2) and the number in each of them are removed for good; this cannot be undone. Recordings under legal hold are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vv::ui::CustomersTab</name>
    <message numerus="yes">
        <source>Imported %n customer(s).</source>
        <translation>
            <numerusform>Imported %n customer.</numerusform>
            <numerusform>Imported %n customers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) left out; fix them and import those rows again:</source>
        <translation>
            <numerusform>%n row left out; fix them and import those rows again:</numerusform>
            <numerusform>%n rows left out; fix them and import those rows again:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vv::ui::DashboardTab</name>
    <message numerus="yes">
        <source>%n vault(s) or server(s) NOT recording properly</source>
        <translation>
            <numerusform>%n vault or server NOT recording properly</numerusform>
            <numerusform>%n vaults or servers NOT recording properly</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n need attention</source>
        <translation>
            <numerusform>; %n needs attention</numerusform>
            <numerusform>; %n need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording; %n vault(s) need attention</source>
        <translation>
            <numerusform>Recording; %n vault needs attention</numerusform>
            <numerusform>Recording; %n vaults need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every vault is recording (%n)</source>
        <translation>
            <numerusform>Every vault is recording (%n)</numerusform>
            <numerusform>Every vault is recording (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vv::ui::EditVaultDialog</name>
    <message numerus="yes">
        <source>%n excluded</source>
        <translation>
            <numerusform>%n excluded</numerusform>
            <numerusform>%n excluded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>deletes the %n recording(s) older than the retention limit (%1)</source>
        <translation>
            <numerusform>deletes the %n recording older than the retention limit (%1)</numerusform>
            <numerusform>deletes the %n recordings older than the retention limit (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overwrites the %n oldest recording(s) to get under the cap (%1)</source>
        <translation>
            <numerusform>overwrites the %n oldest recording to get under the cap (%1)</numerusform>
            <numerusform>overwrites the %n oldest recordings to get under the cap (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vv::ui::ManageServersDialog</name>
    <message numerus="yes">
        <source>%n VoIP service(s) of your customers are linked to it and will be unlinked. </source>
        <translation>
            <numerusform>%n VoIP service of your customers is linked to it and will be unlinked. </numerusform>
            <numerusform>%n VoIP services of your customers are linked to it and will be unlinked. </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vv::ui::ServicePage</name>
    <message numerus="yes">
        <source>%n open: see the Dashboard tab</source>
        <translation>
            <numerusform>%n open: see the Dashboard tab</numerusform>
            <numerusform>%n open: see the Dashboard tab</numerusform>
        </translation>
    </message>
</context>
</TS>
