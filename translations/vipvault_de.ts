<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de">
<context>
    <name>AddServiceDialog</name>
    <message>
        <source>Add a VoIP service</source>
        <translation>VoIP-Dienst hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>E&amp;xisting vault:</source>
        <translation>&amp;Bestehender Vault:</translation>
    </message>
    <message>
        <source>&amp;New vault:</source>
        <translation>&amp;Neuer Vault:</translation>
    </message>
    <message>
        <source>name (letters, digits, . _ -)</source>
        <translation>Name (Buchstaben, Ziffern, . _ -)</translation>
    </message>
    <message>
        <source>Its &amp;extensions:</source>
        <translation>&amp;Zugehörige Nebenstellen:</translation>
    </message>
    <message>
        <source>e.g. 200-299, 1000</source>
        <translation>z. B. 200-299, 1000</translation>
    </message>
    <message>
        <source>The server (agent) holding the customer's vault, from those this app signs in to; choosing one lists its vaults</source>
        <translation>Der Server (Agent) mit dem Vault des Kunden, aus den Servern, bei denen sich diese App anmeldet; bei Auswahl werden seine Vaults aufgelistet</translation>
    </message>
    <message>
        <source>Links a vault that already exists on the chosen server to this customer</source>
        <translation>Verknüpft einen bereits auf dem gewählten Server vorhandenen Vault mit diesem Kunden</translation>
    </message>
    <message>
        <source>The vaults the chosen server already has</source>
        <translation>Die Vaults, die auf dem gewählten Server bereits vorhanden sind</translation>
    </message>
    <message>
        <source>Creates a new vault on the chosen server and links it to this customer</source>
        <translation>Legt auf dem gewählten Server einen neuen Vault an und verknüpft ihn mit diesem Kunden</translation>
    </message>
    <message>
        <source>Name of the new vault, 1 to 64 letters, digits, dots, underscores or dashes; typing here picks New vault</source>
        <translation>Name des neuen Vaults, 1 bis 64 Buchstaben, Ziffern, Punkte, Unterstriche oder Bindestriche; bei einer Eingabe hier wird Neuer Vault ausgewählt</translation>
    </message>
    <message>
        <source>The extensions whose calls the new vault records: single numbers and ranges, comma separated; required</source>
        <translation>Die Nebenstellen, deren Anrufe der neue Vault aufzeichnet: einzelne Nummern und Bereiche, durch Kommas getrennt; Pflichtangabe</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>&amp;Recording #:</source>
        <translation>Aufnahme-&amp;Nr.:</translation>
    </message>
    <message>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>An&amp;zeigen</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>&amp;Older entries</source>
        <translation>Ä&amp;ltere Einträge</translation>
    </message>
    <message>
        <source>Shows only what the login with exactly this user name did; empty shows everyone; Enter searches</source>
        <translation>Zeigt nur, was der Zugang mit genau diesem Benutzernamen getan hat; leer zeigt alle; die Eingabetaste startet die Suche</translation>
    </message>
    <message>
        <source>Shows only entries about the recording with this number, such as 1234; empty shows all; Enter searches</source>
        <translation>Zeigt nur Einträge zur Aufnahme mit dieser Nummer, z. B. 1234; leer zeigt alle; die Eingabetaste startet die Suche</translation>
    </message>
    <message>
        <source>Shows only one kind of action, such as played a recording or signed in; choosing one searches at once</source>
        <translation>Zeigt nur eine Art von Aktion, z. B. Aufnahme abgespielt oder angemeldet; die Auswahl startet sofort die Suche</translation>
    </message>
    <message>
        <source>Reads the vault's audit log again with these filters, newest entries first</source>
        <translation>Liest das Prüfprotokoll des Vaults mit diesen Filtern erneut, neueste Einträge zuerst</translation>
    </message>
    <message>
        <source>Newest first: when, who, from which address, what was done, which recording and the details</source>
        <translation>Neueste zuerst: wann, wer, von welcher Adresse, was getan wurde, welche Aufnahme und die Details</translation>
    </message>
    <message>
        <source>Adds the next 100 older entries below those already shown</source>
        <translation>Fügt die nächsten 100 älteren Einträge unter den bereits angezeigten hinzu</translation>
    </message>
    <message>
        <source>Who did what, newest first: sign-ins, plays and downloads, protection, notes, deletions, settings and logins. The agent only appends to this log, and chains each entry to the one before, so a removed or altered entry shows.</source>
        <translation>Wer hat was getan, neueste zuerst: Anmeldungen, Wiedergaben und Downloads, Schutz, Notizen, Löschungen, Einstellungen und Zugänge. Der Agent ergänzt dieses Protokoll nur und verkettet jeden Eintrag mit dem vorigen, sodass ein entfernter oder geänderter Eintrag auffällt.</translation>
    </message>
</context>
<context>
    <name>BillingTab</name>
    <message>
        <source>&amp;Month:</source>
        <translation>&amp;Monat:</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>The month to bill: up and down change the month</source>
        <translation>Abzurechnender Monat: Pfeiltasten nach oben/unten wechseln den Monat</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Charges per customer and vault this month</source>
        <translation>Gebühren pro Kunde und Vault in diesem Monat</translation>
    </message>
    <message>
        <source>font-weight: bold;</source>
        <translation>font-weight: bold;</translation>
    </message>
    <message>
        <source>£1.00 per GB-month by default (each vault may have its own price); GB = 10^9 bytes. A GB-month is one GB held for a whole month.</source>
        <translation>Standardmäßig 1,00 £ pro GB-Monat (jeder Vault kann einen eigenen Preis haben); GB = 10^9 Byte. Ein GB-Monat ist ein GB, das einen ganzen Monat lang belegt ist.</translation>
    </message>
    <message>
        <source>Asks every server again for each vault's usage and charge in the chosen month</source>
        <translation>Fragt bei jedem Server erneut Nutzung und Betrag jedes Vaults im gewählten Monat ab</translation>
    </message>
    <message>
        <source>Saves the chosen month's table as a CSV file, one row per customer's vault</source>
        <translation>Speichert die Tabelle des gewählten Monats als CSV-Datei, eine Zeile pro Vault eines Kunden</translation>
    </message>
    <message>
        <source>One row per VoIP service: customer, server, vault, space used now, GB-months and the month's charge</source>
        <translation>Eine Zeile pro VoIP-Dienst: Kunde, Server, Vault, aktuell belegter Speicher, GB-Monate und Betrag des Monats</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Aktuelles Passwort:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>C&amp;onfirm:</source>
        <translation>&amp;Bestätigen:</translation>
    </message>
    <message>
        <source>At least 10 characters. You will be asked to sign in again afterwards.</source>
        <translation>Mindestens 10 Zeichen. Anschließend müssen Sie sich erneut anmelden.</translation>
    </message>
    <message>
        <source>The password you signed in with</source>
        <translation>Das Passwort, mit dem Sie sich angemeldet haben</translation>
    </message>
    <message>
        <source>Your new password: at least 10 characters and not the same as the current one</source>
        <translation>Ihr neues Passwort: mindestens 10 Zeichen und nicht identisch mit dem aktuellen</translation>
    </message>
    <message>
        <source>The new password once more, to catch a typing mistake</source>
        <translation>Das neue Passwort noch einmal, um Tippfehler zu erkennen</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Account number:</source>
        <translation>&amp;Kundennummer:</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Ansprechpartner:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <source>The customer's name as the customer list shows it; required</source>
        <translation>Der Name des Kunden, wie er in der Kundenliste erscheint; Pflichtangabe</translation>
    </message>
    <message>
        <source>Your account number for this customer; optional, and found by the customer search</source>
        <translation>Ihre Kundennummer für diesen Kunden; optional und über die Kundensuche auffindbar</translation>
    </message>
    <message>
        <source>The person to deal with at this customer; optional</source>
        <translation>Ihr Ansprechpartner bei diesem Kunden; optional</translation>
    </message>
    <message>
        <source>A phone number for reaching this customer; optional</source>
        <translation>Eine Telefonnummer, unter der dieser Kunde erreichbar ist; optional</translation>
    </message>
    <message>
        <source>An e-mail address for this customer; optional, but it must contain an @</source>
        <translation>Eine E-Mail-Adresse dieses Kunden; optional, muss aber ein @ enthalten</translation>
    </message>
    <message>
        <source>Free notes about this customer, kept in this computer's directory and found by the customer search</source>
        <translation>Freie Notizen zu diesem Kunden, gespeichert im Verzeichnis dieses Computers und über die Kundensuche auffindbar</translation>
    </message>
</context>
<context>
    <name>CustomerKeyDialog</name>
    <message>
        <source>Your recordings key</source>
        <translation>Ihr Aufnahmeschlüssel</translation>
    </message>
    <message>
        <source>Your provider has set up your vault so that only you can listen to its recordings. This computer will now make your key and keep it in its keychain: from then on, neither your provider nor whoever runs the recorder can listen.</source>
        <translation>Ihr Anbieter hat Ihren Vault so eingerichtet, dass nur Sie dessen Aufnahmen anhören können. Dieser Computer erzeugt jetzt Ihren Schlüssel und bewahrt ihn im Schlüsselbund auf: Danach können weder Ihr Anbieter noch der Betreiber des Recorders mithören.</translation>
    </message>
    <message>
        <source>Write down this recovery phrase and keep it somewhere safe. With it you can open your recordings on another computer:</source>
        <translation>Schreiben Sie diese Wiederherstellungsphrase auf und bewahren Sie sie sicher auf. Mit ihr öffnen Sie Ihre Aufnahmen auch auf einem anderen Computer:</translation>
    </message>
    <message>
        <source>Recovery phrase</source>
        <translation>Wiederherstellungsphrase</translation>
    </message>
    <message>
        <source>Twenty-four letters and digits in six groups; write them down</source>
        <translation>Vierundzwanzig Buchstaben und Ziffern in sechs Gruppen; schreiben Sie sie auf</translation>
    </message>
    <message>
        <source>If you lose both this computer's keychain and the recovery phrase, nobody can ever open your recordings again — not you, not your provider. There is no other way in.</source>
        <translation>Wenn Sie sowohl den Schlüsselbund dieses Computers als auch die Wiederherstellungsphrase verlieren, kann niemand Ihre Aufnahmen je wieder öffnen – weder Sie noch Ihr Anbieter. Einen anderen Weg gibt es nicht.</translation>
    </message>
    <message>
        <source>&amp;Type the phrase again:</source>
        <translation>Phrase erneut &amp;eingeben:</translation>
    </message>
    <message>
        <source>The recovery phrase again</source>
        <translation>Die Wiederherstellungsphrase noch einmal</translation>
    </message>
    <message>
        <source>Proves the phrase was written down correctly; case, spaces and dashes do not matter</source>
        <translation>Zeigt, dass die Phrase richtig aufgeschrieben wurde; Groß-/Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle</translation>
    </message>
    <message>
        <source>I have written the phrase down and understand that without it and this computer my recordings are lost</source>
        <translation>Ich habe die Phrase aufgeschrieben und verstehe, dass meine Aufnahmen ohne sie und ohne diesen Computer verloren sind</translation>
    </message>
    <message>
        <source>Required before the key is made</source>
        <translation>Erforderlich, bevor der Schlüssel erzeugt wird</translation>
    </message>
    <message>
        <source>Only your key opens your recordings, and it is not on this computer. Type the recovery phrase you wrote down when the key was made to bring it here.</source>
        <translation>Nur Ihr Schlüssel öffnet Ihre Aufnahmen, und er ist nicht auf diesem Computer. Geben Sie die Wiederherstellungsphrase ein, die Sie beim Erzeugen des Schlüssels aufgeschrieben haben, um ihn hierher zu holen.</translation>
    </message>
    <message>
        <source>Recovery &amp;phrase:</source>
        <translation>Wiederherstellungs&amp;phrase:</translation>
    </message>
    <message>
        <source>The 24 letters and digits you wrote down; case, spaces and dashes do not matter</source>
        <translation>Die 24 Buchstaben und Ziffern, die Sie aufgeschrieben haben; Groß-/Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Nicht jetzt</translation>
    </message>
    <message>
        <source>Closes this; you are asked again next time you sign in</source>
        <translation>Schließt dies; Sie werden bei der nächsten Anmeldung erneut gefragt</translation>
    </message>
    <message>
        <source>&amp;Create my key</source>
        <translation>&amp;Schlüssel erzeugen</translation>
    </message>
    <message>
        <source>Makes the key, keeps it in this computer's keychain and gives the recorder only its public half</source>
        <translation>Erzeugt den Schlüssel, bewahrt ihn im Schlüsselbund dieses Computers auf und gibt dem Recorder nur seinen öffentlichen Teil</translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message>
        <source>← Customer &amp;list</source>
        <translation>← &amp;Kundenliste</translation>
    </message>
    <message>
        <source>font-size: 16pt; font-weight: bold;</source>
        <translation>font-size: 16pt; font-weight: bold;</translation>
    </message>
    <message>
        <source>&amp;Edit details…</source>
        <translation>Details &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Account number:</source>
        <translation>Kundennummer:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Ansprechpartner:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>VoIP services</source>
        <translation>VoIP-Dienste</translation>
    </message>
    <message>
        <source>VoIP services of this customer</source>
        <translation>VoIP-Dienste dieses Kunden</translation>
    </message>
    <message>
        <source>Click a service to open it</source>
        <translation>Klicken Sie auf einen Dienst, um ihn zu öffnen</translation>
    </message>
    <message>
        <source>Add &amp;service…</source>
        <translation>&amp;Dienst hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Returns to the list of all customers</source>
        <translation>Kehrt zur Liste aller Kunden zurück</translation>
    </message>
    <message>
        <source>Changes this customer's name, account, contact, phone, e-mail or notes in this computer's directory</source>
        <translation>Ändert Name, Kundennummer, Ansprechpartner, Telefon, E-Mail oder Notizen dieses Kunden im Verzeichnis dieses Computers</translation>
    </message>
    <message>
        <source>Links a vault on one of your servers to this customer, or creates a new vault for them</source>
        <translation>Verknüpft einen Vault auf einem Ihrer Server mit diesem Kunden oder legt einen neuen Vault für ihn an</translation>
    </message>
    <message>
        <source>After asking, unlinks the selected VoIP service from this customer; the vault and its recordings stay on the server</source>
        <translation>Trennt nach einer Rückfrage den ausgewählten VoIP-Dienst von diesem Kunden; der Vault und seine Aufnahmen bleiben auf dem Server</translation>
    </message>
    <message>
        <source>Asks each server again whether the customer's vaults are recording and how much space they use</source>
        <translation>Fragt jeden Server erneut, ob die Vaults des Kunden aufzeichnen und wie viel Speicher sie belegen</translation>
    </message>
    <message>
        <source>The customer's VoIP servers; Enter or a click opens the service with its recording state and settings</source>
        <translation>Die VoIP-Server des Kunden; die Eingabetaste oder ein Klick öffnet den Dienst mit Aufnahmestatus und Einstellungen</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <source>Search customers</source>
        <translation>Kunden suchen</translation>
    </message>
    <message>
        <source>Search customers: name, account, contact, phone, e-mail, notes</source>
        <translation>Kunden suchen: Name, Kundennummer, Ansprechpartner, Telefon, E-Mail, Notizen</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Shows only customers whose details hold every word typed; Enter opens the one found or the one selected</source>
        <translation>Zeigt nur Kunden, deren Angaben jedes eingegebene Wort enthalten; die Eingabetaste öffnet den gefundenen oder den ausgewählten Kunden</translation>
    </message>
    <message>
        <source>Creates a new customer record in this computer's directory</source>
        <translation>Legt einen neuen Kundeneintrag im Verzeichnis dieses Computers an</translation>
    </message>
    <message>
        <source>Changes the name, account, contact, phone, e-mail or notes of the selected customer</source>
        <translation>Ändert Name, Kundennummer, Ansprechpartner, Telefon, E-Mail oder Notizen des ausgewählten Kunden</translation>
    </message>
    <message>
        <source>After asking, removes the selected customer and its service records here; vaults and recordings stay on the servers</source>
        <translation>Entfernt nach einer Rückfrage den ausgewählten Kunden und seine Dienst-Einträge hier; Vaults und Aufnahmen bleiben auf den Servern</translation>
    </message>
    <message>
        <source>Adds the customers in a CSV file to the directory; rows with problems are left out and listed</source>
        <translation>Fügt die Kunden aus einer CSV-Datei dem Verzeichnis hinzu; fehlerhafte Zeilen werden ausgelassen und aufgelistet</translation>
    </message>
    <message>
        <source>Saves every customer in the directory to a CSV file</source>
        <translation>Speichert alle Kunden des Verzeichnisses in einer CSV-Datei</translation>
    </message>
    <message>
        <source>All customers by name; Enter, a double-click or the View button opens the customer's page</source>
        <translation>Alle Kunden nach Namen; die Eingabetaste, ein Doppelklick oder die Schaltfläche Anzeigen öffnet die Seite des Kunden</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>font-weight: bold;</source>
        <translation>font-weight: bold;</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Vaults, worst first</source>
        <translation>Vaults, kritischste zuerst</translation>
    </message>
    <message>
        <source>Worst first. Double-click a vault to open its service.</source>
        <translation>Kritischste zuerst. Doppelklicken Sie auf einen Vault, um seinen Dienst zu öffnen.</translation>
    </message>
    <message>
        <source>Select a vault to see its charts.</source>
        <translation>Wählen Sie einen Vault aus, um seine Diagramme zu sehen.</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Offene Alarme</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Quittieren</translation>
    </message>
    <message>
        <source>Says you have seen it: no more reminders; it stays listed until the problem ends.</source>
        <translation>Bestätigt, dass Sie den Alarm gesehen haben: keine weiteren Erinnerungen; er bleibt aufgeführt, bis das Problem behoben ist.</translation>
    </message>
    <message>
        <source>Asks every server again how its vaults are recording and re-sorts them, worst first</source>
        <translation>Fragt jeden Server erneut, wie seine Vaults aufzeichnen, und sortiert sie neu, kritischste zuerst</translation>
    </message>
    <message>
        <source>Open alerts of the selected vault's server: since when, how severe and what; select one to acknowledge it</source>
        <translation>Offene Alarme des Servers des ausgewählten Vaults: seit wann, wie schwer und was; wählen Sie einen aus, um ihn zu quittieren</translation>
    </message>
    <message>
        <source>Every vault of every server with its recording state, problems first; Enter opens the vault's service</source>
        <translation>Jeder Vault jedes Servers mit seinem Aufnahmestatus, Probleme zuerst; die Eingabetaste öffnet den Dienst des Vaults</translation>
    </message>
</context>
<context>
    <name>DigestDialog</name>
    <message>
        <source>Daily report by e-mail</source>
        <translation>Täglicher Bericht per E-Mail</translation>
    </message>
    <message>
        <source>Once a day: how many calls were recorded, recorded badly or missed yesterday, and the storage used.</source>
        <translation>Einmal täglich: wie viele Anrufe gestern aufgezeichnet, fehlerhaft aufgezeichnet oder verpasst wurden, und der belegte Speicherplatz.</translation>
    </message>
    <message>
        <source>&amp;E-mail address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Also e-mail me at once when recording fails</source>
        <translation>Mich zusätzlich sofort per E-Mail benachrichtigen, wenn die Aufzeichnung fehlschlägt</translation>
    </message>
    <message>
        <source>&amp;Subscribe</source>
        <translation>&amp;Abonnieren</translation>
    </message>
    <message>
        <source>&amp;Unsubscribe</source>
        <translation>A&amp;bbestellen</translation>
    </message>
    <message>
        <source>The address the daily report on this vault is sent to</source>
        <translation>Die Adresse, an die der tägliche Bericht zu diesem Vault gesendet wird</translation>
    </message>
    <message>
        <source>Besides the daily report, sends an e-mail at once whenever recording in this vault fails</source>
        <translation>Sendet zusätzlich zum täglichen Bericht sofort eine E-Mail, wenn die Aufzeichnung in diesem Vault fehlschlägt</translation>
    </message>
    <message>
        <source>Starts the daily report for this vault to the address typed; the first one comes tomorrow morning</source>
        <translation>Startet den täglichen Bericht zu diesem Vault an die eingegebene Adresse; der erste kommt morgen früh</translation>
    </message>
    <message>
        <source>Ends every e-mail subscription to this vault listed above, reports and alerts alike</source>
        <translation>Beendet alle oben aufgeführten E-Mail-Abonnements dieses Vaults, Berichte wie Alarme</translation>
    </message>
</context>
<context>
    <name>EditVaultDialog</name>
    <message>
        <source>Edit VIP Vault</source>
        <translation>VIP Vault bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Enable call recording</source>
        <translation>Anrufaufzeichnung a&amp;ktivieren</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Allow vault to &amp;grow indefinitely</source>
        <translation>Vault &amp;unbegrenzt wachsen lassen</translation>
    </message>
    <message>
        <source>&amp;Cap:</source>
        <translation>&amp;Obergrenze:</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>When a capped vault is full, new recordings overwrite the oldest. GB = 10^9 bytes.</source>
        <translation>Wenn ein begrenzter Vault voll ist, überschreiben neue Aufnahmen die ältesten. GB = 10^9 Byte.</translation>
    </message>
    <message>
        <source>&amp;Delete recordings older than:</source>
        <translation>Aufnahmen &amp;löschen, älter als:</translation>
    </message>
    <message>
        <source>Recordings older than this many months are deleted, protected ones excepted</source>
        <translation>Aufnahmen, die älter als diese Anzahl Monate sind, werden gelöscht; geschützte ausgenommen</translation>
    </message>
    <message>
        <source>&amp;Keep for:</source>
        <translation>Aufbewahrungs&amp;dauer:</translation>
    </message>
    <message>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <source>&amp;Price:</source>
        <translation>&amp;Preis:</translation>
    </message>
    <message>
        <source>£</source>
        <translation>£</translation>
    </message>
    <message>
        <source> per GB a month</source>
        <translation> pro GB und Monat</translation>
    </message>
    <message>
        <source>What this vault's customer is charged per GB of space held for a month</source>
        <translation>Was dem Kunden dieses Vaults pro GB belegtem Speicherplatz und Monat berechnet wird</translation>
    </message>
    <message>
        <source>Current usage</source>
        <translation>Aktuelle Nutzung</translation>
    </message>
    <message>
        <source>Used:</source>
        <translation>Belegt:</translation>
    </message>
    <message>
        <source>Recordings:</source>
        <translation>Aufnahmen:</translation>
    </message>
    <message>
        <source>Oldest:</source>
        <translation>Älteste:</translation>
    </message>
    <message>
        <source>Estimate the space needed</source>
        <translation>Benötigten Speicherplatz schätzen</translation>
    </message>
    <message>
        <source>&amp;Users:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Months to keep:</source>
        <translation>Aufbewahrung in &amp;Monaten:</translation>
    </message>
    <message>
        <source>M&amp;inutes per user per month:</source>
        <translation>M&amp;inuten pro Benutzer und Monat:</translation>
    </message>
    <message>
        <source>font-weight: bold;</source>
        <translation>font-weight: bold;</translation>
    </message>
    <message>
        <source>Use &amp;this as the cap</source>
        <translation>Als Ober&amp;grenze übernehmen</translation>
    </message>
    <message>
        <source>Extensions excluded from recording (all are recorded by default)</source>
        <translation>Von der Aufzeichnung ausgenommene Nebenstellen (standardmäßig werden alle aufgezeichnet)</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <source>an extension, e.g. 203</source>
        <translation>eine Nebenstelle, z. B. 203</translation>
    </message>
    <message>
        <source>Extensions: tick to exclude from recording</source>
        <translation>Nebenstellen: Häkchen setzen, um sie von der Aufzeichnung auszuschließen</translation>
    </message>
    <message>
        <source>Exclude &amp;all shown</source>
        <translation>&amp;Alle angezeigten ausschließen</translation>
    </message>
    <message>
        <source>Exclude &amp;none shown</source>
        <translation>&amp;Keine der angezeigten ausschließen</translation>
    </message>
    <message>
        <source>When off, the vault and its recordings stay but no new calls are recorded; takes effect on Save</source>
        <translation>Wenn aus, bleiben der Vault und seine Aufnahmen erhalten, aber neue Anrufe werden nicht aufgezeichnet; wird beim Speichern wirksam</translation>
    </message>
    <message>
        <source>No cap: recordings are never overwritten and the vault grows while the server's disk has room</source>
        <translation>Keine Obergrenze: Aufnahmen werden nie überschrieben, und der Vault wächst, solange auf der Festplatte des Servers Platz ist</translation>
    </message>
    <message>
        <source>The most space the vault may use; when it is full, new recordings overwrite the oldest unprotected ones</source>
        <translation>Der maximale Speicherplatz, den der Vault belegen darf; ist er voll, überschreiben neue Aufnahmen die ältesten ungeschützten</translation>
    </message>
    <message>
        <source>Recordings that started more than this many months ago are deleted; protected ones are kept</source>
        <translation>Aufnahmen, die vor mehr als dieser Anzahl Monaten begonnen haben, werden gelöscht; geschützte bleiben erhalten</translation>
    </message>
    <message>
        <source>How many people's calls are recorded, for the estimate only; starts at the extensions not excluded</source>
        <translation>Anzahl der Personen, deren Anrufe aufgezeichnet werden, nur für die Schätzung; Startwert ist die Zahl der nicht ausgenommenen Nebenstellen</translation>
    </message>
    <message>
        <source>How many months recordings would be kept, for the estimate only; it does not set the retention</source>
        <translation>Wie viele Monate Aufnahmen aufbewahrt würden, nur für die Schätzung; legt nicht die Aufbewahrungsdauer fest</translation>
    </message>
    <message>
        <source>Minutes of calls each user makes in a month, for the estimate only</source>
        <translation>Gesprächsminuten jedes Benutzers pro Monat, nur für die Schätzung</translation>
    </message>
    <message>
        <source>Turns off indefinite growth and sets the cap to the estimated space; nothing changes until Save</source>
        <translation>Schaltet unbegrenztes Wachstum aus und setzt die Obergrenze auf den geschätzten Speicherplatz; bis zum Speichern ändert sich nichts</translation>
    </message>
    <message>
        <source>Shows only the extensions containing this text; the Down arrow moves into the list</source>
        <translation>Zeigt nur Nebenstellen, die diesen Text enthalten; die Pfeiltaste nach unten wechselt in die Liste</translation>
    </message>
    <message>
        <source>The extensions the agent knows for this vault, how it found them and when last seen; ticked ones are not recorded</source>
        <translation>Die Nebenstellen, die der Agent für diesen Vault kennt, wie sie erkannt und wann sie zuletzt gesehen wurden; markierte werden nicht aufgezeichnet</translation>
    </message>
    <message>
        <source>Ticks Exclude for every extension shown, so their calls are no longer recorded after Save</source>
        <translation>Setzt Ausschließen für alle angezeigten Nebenstellen, sodass ihre Anrufe nach dem Speichern nicht mehr aufgezeichnet werden</translation>
    </message>
    <message>
        <source>Clears Exclude for every extension shown, so their calls are recorded again after Save</source>
        <translation>Entfernt Ausschließen bei allen angezeigten Nebenstellen, sodass ihre Anrufe nach dem Speichern wieder aufgezeichnet werden</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <source>How recordings are kept on the recorder's disk: plain, encrypted with a key the recorder holds, or encrypted so that only the customer can listen</source>
        <translation>Wie Aufnahmen auf der Festplatte des Recorders liegen: unverschlüsselt, verschlüsselt mit einem Schlüssel des Recorders oder so verschlüsselt, dass nur der Kunde sie anhören kann</translation>
    </message>
    <message>
        <source>Off (plain files)</source>
        <translation>Aus (unverschlüsselte Dateien)</translation>
    </message>
    <message>
        <source>On, the recorder holds the key</source>
        <translation>Ein, der Recorder hält den Schlüssel</translation>
    </message>
    <message>
        <source>On, only the customer can listen</source>
        <translation>Ein, nur der Kunde kann zuhören</translation>
    </message>
    <message>
        <source>About this encryption setting</source>
        <translation>Zu dieser Verschlüsselungseinstellung</translation>
    </message>
</context>
<context>
    <name>InvitationDialog</name>
    <message>
        <source>Invitation</source>
        <translation>Einladung</translation>
    </message>
    <message>
        <source>Invitation text</source>
        <translation>Einladungstext</translation>
    </message>
    <message>
        <source>&amp;Copy the invitation</source>
        <translation>Einladung &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Save as a file…</source>
        <translation>Als &amp;Datei speichern…</translation>
    </message>
    <message>
        <source>Server address, certificate fingerprint, user name and one-time password, with how to sign in; read-only</source>
        <translation>Serveradresse, Zertifikats-Fingerabdruck, Benutzername und Einmalpasswort samt Anleitung zur Anmeldung; schreibgeschützt</translation>
    </message>
    <message>
        <source>Puts the invitation on the clipboard, to paste into an e-mail or chat message to the customer</source>
        <translation>Kopiert die Einladung in die Zwischenablage, zum Einfügen in eine E-Mail oder Chatnachricht an den Kunden</translation>
    </message>
    <message>
        <source>Writes the invitation to a .vipvault-invite file that the customer opens with VIP Vault</source>
        <translation>Schreibt die Einladung in eine .vipvault-invite-Datei, die der Kunde mit VIP Vault öffnet</translation>
    </message>
</context>
<context>
    <name>LoginsDialog</name>
    <message>
        <source>Customer logins</source>
        <translation>Kundenzugänge</translation>
    </message>
    <message>
        <source>New login</source>
        <translation>Neuer Zugang</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>leave empty to generate one (shown once)</source>
        <translation>leer lassen, um eines zu erzeugen (wird einmalig angezeigt)</translation>
    </message>
    <message>
        <source>&amp;Create login</source>
        <translation>Zugang &amp;anlegen</translation>
    </message>
    <message>
        <source>&amp;Reset password</source>
        <translation>Passwort &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Disable / enable</source>
        <translation>&amp;Deaktivieren / aktivieren</translation>
    </message>
    <message>
        <source>The customer logins of this vault: user name, whether active or disabled, and when created</source>
        <translation>Die Kundenzugänge dieses Vaults: Benutzername, ob aktiv oder deaktiviert und wann angelegt</translation>
    </message>
    <message>
        <source>User name for the new customer login: 3 to 64 letters, digits, dots, underscores, @ or dashes</source>
        <translation>Benutzername für den neuen Kundenzugang: 3 bis 64 Buchstaben, Ziffern, Punkte, Unterstriche, @ oder Bindestriche</translation>
    </message>
    <message>
        <source>First password of the new login, at least 10 characters; it works once, then the customer chooses their own</source>
        <translation>Erstes Passwort des neuen Zugangs, mindestens 10 Zeichen; es funktioniert einmal, danach wählt der Kunde ein eigenes</translation>
    </message>
    <message>
        <source>Creates the login on the server, then shows the invitation or one-time password to give the customer</source>
        <translation>Legt den Zugang auf dem Server an und zeigt dann die Einladung oder das Einmalpasswort zur Weitergabe an den Kunden</translation>
    </message>
    <message>
        <source>After asking, gives the selected login a new one-time password, signs it out and shows a new invitation</source>
        <translation>Gibt dem ausgewählten Zugang nach einer Rückfrage ein neues Einmalpasswort, meldet ihn ab und zeigt eine neue Einladung</translation>
    </message>
    <message>
        <source>Stops the selected login from signing in and ends its sessions, or lets a disabled login sign in again</source>
        <translation>Sperrt die Anmeldung für den ausgewählten Zugang und beendet seine Sitzungen oder erlaubt einem deaktivierten Zugang wieder die Anmeldung</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>VIP Vault</source>
        <translation>VIP Vault</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Servers</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;Import customers (CSV)…</source>
        <translation>Kunden &amp;importieren (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Export customers (CSV)…</source>
        <translation>Kunden &amp;exportieren (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>&amp;Passwort ändern…</translation>
    </message>
    <message>
        <source>Change the password you signed in with</source>
        <translation>Das Passwort ändern, mit dem Sie angemeldet sind</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>End the session on the server, forget the remembered password and sign in again</source>
        <translation>Sitzung auf dem Server beenden, gespeichertes Passwort vergessen und erneut anmelden</translation>
    </message>
    <message>
        <source>&amp;Add server…</source>
        <translation>Server &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Manage servers…</source>
        <translation>Server &amp;verwalten…</translation>
    </message>
</context>
<context>
    <name>ManageServersDialog</name>
    <message>
        <source>Manage servers</source>
        <translation>Server verwalten</translation>
    </message>
    <message>
        <source>The VIP Vault agents this app signs in to. Double-click a name to rename it; Re-check connects again and compares the certificate with the one you trusted.</source>
        <translation>Die Agenten von VIP Vault, bei denen sich diese App anmeldet. Doppelklicken Sie auf einen Namen, um ihn umzubenennen; Erneut prüfen baut die Verbindung neu auf und vergleicht das Zertifikat mit dem, dem Sie vertraut haben.</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>Re-&amp;check</source>
        <translation>Erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>The servers this app signs in to: name, address, user, trusted certificate and state; double-click a name to rename</source>
        <translation>Die Server, bei denen sich diese App anmeldet: Name, Adresse, Benutzer, vertrautes Zertifikat und Status; Doppelklick auf einen Namen zum Umbenennen</translation>
    </message>
    <message>
        <source>Starts editing the selected server's name; an empty name shows its address instead</source>
        <translation>Beginnt die Bearbeitung des Namens des ausgewählten Servers; bei leerem Namen wird stattdessen seine Adresse angezeigt</translation>
    </message>
    <message>
        <source>Connects to the selected server again and compares its certificate with the one you trusted</source>
        <translation>Verbindet sich erneut mit dem ausgewählten Server und vergleicht sein Zertifikat mit dem, dem Sie vertraut haben</translation>
    </message>
    <message>
        <source>After asking, makes this app forget the selected server and unlink its services; the agent keeps every recording</source>
        <translation>Lässt diese App nach einer Rückfrage den ausgewählten Server vergessen und trennt seine Dienste; der Agent behält alle Aufnahmen</translation>
    </message>
</context>
<context>
    <name>NotePanel</name>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;otiz:</translation>
    </message>
    <message>
        <source>Note on this recording</source>
        <translation>Notiz zu dieser Aufnahme</translation>
    </message>
    <message>
        <source>What you want to remember about this call; the reseller and this customer can read it, search for it and see who changed it</source>
        <translation>Was Sie sich zu diesem Anruf merken möchten; der Reseller und dieser Kunde können die Notiz lesen, danach suchen und sehen, wer sie geändert hat</translation>
    </message>
    <message>
        <source>A note on this call, e.g. “asked for a refund, call back Friday”</source>
        <translation>Eine Notiz zu diesem Anruf, z. B. „wollte eine Erstattung, Freitag zurückrufen“</translation>
    </message>
    <message>
        <source>Save no&amp;te</source>
        <translation>No&amp;tiz speichern</translation>
    </message>
    <message>
        <source>Stores the note with the recording on the server; an empty note removes it</source>
        <translation>Speichert die Notiz mit der Aufnahme auf dem Server; eine leere Notiz entfernt sie</translation>
    </message>
    <message>
        <source>Note status</source>
        <translation>Notizstatus</translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <source>No recording selected</source>
        <translation>Keine Aufnahme ausgewählt</translation>
    </message>
    <message>
        <source>0:00</source>
        <translation>0:00</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Abspielen</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Abspielen oder pausieren (Leertaste)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>Spee&amp;d:</source>
        <translation>&amp;Geschwindigkeit:</translation>
    </message>
    <message>
        <source>&amp;Listen to:</source>
        <translation>&amp;Hören:</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>&amp;Lautstärke:</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>He&amp;runterladen…</translation>
    </message>
    <message>
        <source>Save the recording as Ogg Opus or WAV</source>
        <translation>Aufnahme als Ogg Opus oder WAV speichern</translation>
    </message>
    <message>
        <source>Where playback is in the recording; moving it jumps to that point</source>
        <translation>Die Wiedergabeposition in der Aufnahme; durch Verschieben springen Sie an diese Stelle</translation>
    </message>
    <message>
        <source>Stops playback and goes back to the start of the recording</source>
        <translation>Stoppt die Wiedergabe und kehrt zum Anfang der Aufnahme zurück</translation>
    </message>
    <message>
        <source>Playback speed; voices keep their pitch at every speed</source>
        <translation>Wiedergabegeschwindigkeit; Stimmen behalten bei jeder Geschwindigkeit ihre Tonhöhe</translation>
    </message>
    <message>
        <source>Which side to hear: both in stereo (extension left, other party right), both mixed, or one side only</source>
        <translation>Welche Seite Sie hören: beide in Stereo (Nebenstelle links, Gegenstelle rechts), beide gemischt oder nur eine Seite</translation>
    </message>
    <message>
        <source>Loudness of playback in this app, from 0 to 100</source>
        <translation>Wiedergabelautstärke in dieser App, von 0 bis 100</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>has %1 fields, expected %2</source>
        <translation>hat %1 Felder, erwartet: %2</translation>
    </message>
    <message>
        <source>has no name</source>
        <translation>hat keinen Namen</translation>
    </message>
    <message>
        <source>e-mail "%1" has no @</source>
        <translation>E-Mail „%1“ enthält kein @</translation>
    </message>
    <message>
        <source>a quoted field is never closed</source>
        <translation>ein Feld in Anführungszeichen wird nicht geschlossen</translation>
    </message>
    <message>
        <source>last fetched %1</source>
        <translation>zuletzt abgerufen: %1</translation>
    </message>
    <message>
        <source>no password keychain is running for this desktop session (on Linux: GNOME Keyring or KWallet)</source>
        <translation>für diese Desktopsitzung läuft kein Passwort-Schlüsselbund (unter Linux: GNOME Keyring oder KWallet)</translation>
    </message>
    <message>
        <source>Trust this server</source>
        <translation>Diesem Server vertrauen</translation>
    </message>
</context>
<context>
    <name>RecordingsFilterBar</name>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <source>Number contains</source>
        <translation>Nummer enthält</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Nebenstelle</translation>
    </message>
    <message>
        <source>&amp;Min. length:</source>
        <translation>&amp;Mindestdauer:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>When ticked, Search lists only calls from the start of the chosen date on</source>
        <translation>Wenn aktiviert, listet die Suche nur Anrufe ab Beginn des gewählten Tages auf</translation>
    </message>
    <message>
        <source>The first day of calls to list; used only while From is ticked</source>
        <translation>Erster Tag der aufzulistenden Anrufe; gilt nur, solange Von aktiviert ist</translation>
    </message>
    <message>
        <source>When ticked, Search lists only calls up to the end of the chosen date</source>
        <translation>Wenn aktiviert, listet die Suche nur Anrufe bis zum Ende des gewählten Tages auf</translation>
    </message>
    <message>
        <source>The last day of calls to list, the whole day included; used only while To is ticked</source>
        <translation>Letzter Tag der aufzulistenden Anrufe, einschließlich des ganzen Tages; gilt nur, solange Bis aktiviert ist</translation>
    </message>
    <message>
        <source>Search finds calls whose caller, callee or dialled number holds this, typed in any usual form; Enter searches</source>
        <translation>Die Suche findet Anrufe, deren anrufende, angerufene oder gewählte Nummer diese Eingabe enthält, in jeder üblichen Schreibweise; die Eingabetaste startet die Suche</translation>
    </message>
    <message>
        <source>Search lists only the calls of this exact extension; Enter searches</source>
        <translation>Die Suche listet nur die Anrufe genau dieser Nebenstelle auf; die Eingabetaste startet die Suche</translation>
    </message>
    <message>
        <source>Note contains</source>
        <translation>Notiz enthält</translation>
    </message>
    <message>
        <source>Finds recordings whose note holds these words</source>
        <translation>Findet Aufnahmen, deren Notiz diese Wörter enthält</translation>
    </message>
    <message>
        <source>Which calls Search lists: inbound, outbound, or both</source>
        <translation>Welche Anrufe die Suche auflistet: eingehende, ausgehende oder beide</translation>
    </message>
    <message>
        <source>Search leaves out calls shorter than this many seconds; 0 leaves none out</source>
        <translation>Die Suche blendet Anrufe aus, die kürzer als so viele Sekunden sind; bei 0 wird keiner ausgeblendet</translation>
    </message>
    <message>
        <source>Lists the recordings again with the filters as they are set now</source>
        <translation>Listet die Aufnahmen mit den aktuell eingestellten Filtern erneut auf</translation>
    </message>
    <message>
        <source>Clears every filter and lists all recordings again</source>
        <translation>Setzt alle Filter zurück und listet wieder alle Aufnahmen auf</translation>
    </message>
</context>
<context>
    <name>RecordingsView</name>
    <message>
        <source>Recordings</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <source>A transferred or picked-up call is recorded in parts, one per extension that talked: the parts of this conversation</source>
        <translation>Ein weitergeleiteter oder übernommener Anruf wird in Teilen aufgezeichnet, je ein Teil pro beteiligter Nebenstelle: die Teile dieses Gesprächs</translation>
    </message>
    <message>
        <source>&amp;Download selected…</source>
        <translation>Ausgewählte &amp;herunterladen…</translation>
    </message>
    <message>
        <source>Save the selected recordings into a folder</source>
        <translation>Ausgewählte Aufnahmen in einem Ordner speichern</translation>
    </message>
    <message>
        <source>&amp;Protect</source>
        <translation>&amp;Schützen</translation>
    </message>
    <message>
        <source>Legal hold: a protected recording is never overwritten or deleted</source>
        <translation>Aufbewahrungssperre: Eine geschützte Aufnahme wird nie überschrieben oder gelöscht</translation>
    </message>
    <message>
        <source>&amp;Unprotect</source>
        <translation>Schutz &amp;aufheben</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Download result</source>
        <translation>Download-Ergebnis</translation>
    </message>
    <message>
        <source>Recorded calls, newest first; the selected one loads in the player, Enter plays it; select several for bulk actions</source>
        <translation>Aufgezeichnete Anrufe, neueste zuerst; der ausgewählte wird in den Player geladen, die Eingabetaste spielt ihn ab; für Sammelaktionen mehrere auswählen</translation>
    </message>
    <message>
        <source>Lifts the legal hold from the selected recordings, so the cap or retention may remove them again</source>
        <translation>Hebt die Aufbewahrungssperre der ausgewählten Aufnahmen auf, sodass Obergrenze oder Aufbewahrungsdauer sie wieder entfernen können</translation>
    </message>
    <message>
        <source>After asking, deletes the audio of the selected recordings; protected ones are kept and the calls stay listed</source>
        <translation>Löscht nach Rückfrage die Audiodaten der ausgewählten Aufnahmen; geschützte bleiben erhalten, und die Anrufe bleiben aufgeführt</translation>
    </message>
    <message>
        <source>Requests about a &amp;person…</source>
        <translation>Anfragen zu einer &amp;Person…</translation>
    </message>
    <message>
        <source>Export or erase everything this vault holds about one telephone number (GDPR requests)</source>
        <translation>Exportiert oder löscht alles, was dieser Vault zu einer Telefonnummer enthält (DSGVO-Anfragen)</translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <source>← Customer &amp;page</source>
        <translation>← &amp;Kundenseite</translation>
    </message>
    <message>
        <source>font-size: 16pt; font-weight: bold;</source>
        <translation>font-size: 16pt; font-weight: bold;</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>background: #f8d7da; color: #7a0000; font-weight: bold; padding: 8px;</source>
        <translation>background: #f8d7da; color: #7a0000; font-weight: bold; padding: 8px;</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Agent version:</source>
        <translation>Agent-Version:</translation>
    </message>
    <message>
        <source>Capture:</source>
        <translation>Mitschnitt:</translation>
    </message>
    <message>
        <source>Packets dropped:</source>
        <translation>Verworfene Pakete:</translation>
    </message>
    <message>
        <source>Last recording:</source>
        <translation>Letzte Aufnahme:</translation>
    </message>
    <message>
        <source>Open alerts:</source>
        <translation>Offene Alarme:</translation>
    </message>
    <message>
        <source>VIP Vault</source>
        <translation>VIP Vault</translation>
    </message>
    <message>
        <source>Call recording:</source>
        <translation>Anrufaufzeichnung:</translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>Recordings:</source>
        <translation>Aufnahmen:</translation>
    </message>
    <message>
        <source>Excluded extensions:</source>
        <translation>Ausgenommene Nebenstellen:</translation>
    </message>
    <message>
        <source>Edit &amp;VIP Vault…</source>
        <translation>&amp;VIP Vault bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Recordings</source>
        <translation>Auf&amp;nahmen</translation>
    </message>
    <message>
        <source>Customer &amp;logins…</source>
        <translation>Kunden&amp;zugänge…</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>&amp;Prüfprotokoll…</translation>
    </message>
    <message>
        <source>Who played, downloaded, protected or deleted recordings of this vault, and who changed it</source>
        <translation>Wer Aufnahmen dieses Vaults abgespielt, heruntergeladen, geschützt oder gelöscht hat und wer ihn geändert hat</translation>
    </message>
    <message>
        <source>Latest calls</source>
        <translation>Letzte Anrufe</translation>
    </message>
    <message>
        <source>Latest calls of this vault</source>
        <translation>Letzte Anrufe dieses Vaults</translation>
    </message>
    <message>
        <source>Returns to the page of the customer this VoIP service belongs to</source>
        <translation>Kehrt zur Seite des Kunden zurück, zu dem dieser VoIP-Dienst gehört</translation>
    </message>
    <message>
        <source>Fetches the agent's status, the vault's figures and the latest calls again</source>
        <translation>Ruft den Status des Agenten, die Kennzahlen des Vaults und die letzten Anrufe erneut ab</translation>
    </message>
    <message>
        <source>Opens the vault's settings: recording on or off, cap, retention, price and extensions excluded</source>
        <translation>Öffnet die Einstellungen des Vaults: Aufzeichnung ein oder aus, Obergrenze, Aufbewahrungsdauer, Preis und ausgenommene Nebenstellen</translation>
    </message>
    <message>
        <source>Opens this vault's recordings in a new window, to play, download, protect or delete them</source>
        <translation>Öffnet die Aufnahmen dieses Vaults in einem neuen Fenster, um sie abzuspielen, herunterzuladen, zu schützen oder zu löschen</translation>
    </message>
    <message>
        <source>Creates, resets and disables the logins this customer uses to hear their own recordings</source>
        <translation>Legt die Zugänge an, mit denen dieser Kunde seine eigenen Aufnahmen anhört, setzt sie zurück oder deaktiviert sie</translation>
    </message>
    <message>
        <source>The vault's 10 latest calls, with missed and unrecorded ones and the reason why</source>
        <translation>Die 10 letzten Anrufe des Vaults, auch verpasste und nicht aufgenommene, jeweils mit Grund</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to VIP Vault</source>
        <translation>Bei VIP Vault anmelden</translation>
    </message>
    <message>
        <source>I am signing in as</source>
        <translation>Ich melde mich an als</translation>
    </message>
    <message>
        <source>&amp;Reseller (manage customers and vaults)</source>
        <translation>&amp;Reseller (Kunden und Vaults verwalten)</translation>
    </message>
    <message>
        <source>&amp;Customer (my recordings)</source>
        <translation>&amp;Kunde (meine Aufnahmen)</translation>
    </message>
    <message>
        <source>Got an invitation from your reseller?</source>
        <translation>Haben Sie eine Einladung von Ihrem Reseller erhalten?</translation>
    </message>
    <message>
        <source>&amp;Paste it</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Fill in the server, certificate and user name from an invitation copied to the clipboard</source>
        <translation>Server, Zertifikat und Benutzername aus einer in die Zwischenablage kopierten Einladung übernehmen</translation>
    </message>
    <message>
        <source>&amp;Open the file…</source>
        <translation>&amp;Datei öffnen…</translation>
    </message>
    <message>
        <source>Fill in the server, certificate and user name from an invitation file</source>
        <translation>Server, Zertifikat und Benutzername aus einer Einladungsdatei übernehmen</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>https://pbx.example.com:8443</source>
        <translation>https://pbx.example.com:8443</translation>
    </message>
    <message>
        <source>User&amp;name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Re&amp;member the password in this computer's keychain</source>
        <translation>Passwort im Schlüsselbund dieses Computers &amp;merken</translation>
    </message>
    <message>
        <source>The server's certificate has changed</source>
        <translation>Das Zertifikat des Servers hat sich geändert</translation>
    </message>
    <message>
        <source>Trusted before:</source>
        <translation>Bisher vertraut:</translation>
    </message>
    <message>
        <source>Presented now:</source>
        <translation>Jetzt vorgelegt:</translation>
    </message>
    <message>
        <source>Fingerprint trusted before</source>
        <translation>Bisher vertrauter Fingerabdruck</translation>
    </message>
    <message>
        <source>Fingerprint presented now</source>
        <translation>Jetzt vorgelegter Fingerabdruck</translation>
    </message>
    <message>
        <source>Trust the certificate the server presents now, after checking its fingerprint</source>
        <translation>Dem jetzt vom Server vorgelegten Zertifikat vertrauen, nachdem Sie seinen Fingerabdruck geprüft haben</translation>
    </message>
    <message>
        <source>Choose for a reseller login; after sign-in the server's answer, not this choice, decides which window opens</source>
        <translation>Für einen Reseller-Zugang wählen; nach der Anmeldung entscheidet die Antwort des Servers, nicht diese Auswahl, welches Fenster sich öffnet</translation>
    </message>
    <message>
        <source>Choose for a customer login; after sign-in the server's answer, not this choice, decides which window opens</source>
        <translation>Für einen Kundenzugang wählen; nach der Anmeldung entscheidet die Antwort des Servers, nicht diese Auswahl, welches Fenster sich öffnet</translation>
    </message>
    <message>
        <source>Address of the VIP Vault agent on the VoIP server; https:// is added when left out</source>
        <translation>Adresse des Agenten von VIP Vault auf dem VoIP-Server; fehlt https://, wird es ergänzt</translation>
    </message>
    <message>
        <source>Your login on that server; a password remembered for it is filled in when you leave this field</source>
        <translation>Ihr Benutzername auf diesem Server; ein dafür gespeichertes Passwort wird eingetragen, sobald Sie dieses Feld verlassen</translation>
    </message>
    <message>
        <source>Your password on that server; when it is an invitation's one-time password, you then choose your own</source>
        <translation>Ihr Passwort auf diesem Server; ist es das Einmalpasswort einer Einladung, wählen Sie anschließend ein eigenes</translation>
    </message>
    <message>
        <source>Stores the password in the keychain after signing in, so it is filled in next time; untick to forget it</source>
        <translation>Speichert das Passwort nach der Anmeldung im Schlüsselbund, damit es beim nächsten Mal eingetragen wird; ohne Häkchen wird es vergessen</translation>
    </message>
</context>
<context>
    <name>SubjectDialog</name>
    <message>
        <source>Requests about a person</source>
        <translation>Anfragen zu einer Person</translation>
    </message>
    <message>
        <source>When someone asks what this vault holds about them, or asks for it to be erased (GDPR), find their calls by their telephone number, typed any way.</source>
        <translation>Wenn jemand wissen möchte, was dieser Vault über ihn enthält, oder die Löschung verlangt (DSGVO), finden Sie seine Anrufe über seine Telefonnummer, in beliebiger Schreibweise.</translation>
    </message>
    <message>
        <source>Their &amp;number:</source>
        <translation>Seine &amp;Nummer:</translation>
    </message>
    <message>
        <source>Their telephone number</source>
        <translation>Seine Telefonnummer</translation>
    </message>
    <message>
        <source>The person's number in any form, such as +44 7700 900123 or 07700 900123</source>
        <translation>Die Nummer der Person in beliebiger Form, etwa +44 7700 900123 oder 07700 900123</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Counts the calls with this number; nothing is changed</source>
        <translation>Zählt die Anrufe mit dieser Nummer; es wird nichts geändert</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>Gefundenes</translation>
    </message>
    <message>
        <source>&amp;Export everything…</source>
        <translation>Alles &amp;exportieren…</translation>
    </message>
    <message>
        <source>Saves every call with this number (audio, details and a manifest to check them) as one archive</source>
        <translation>Speichert jeden Anruf mit dieser Nummer (Audio, Angaben und ein Manifest zur Prüfung) als ein Archiv</translation>
    </message>
    <message>
        <source>E&amp;rase…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Removes the audio and the number of every call found, after asking; recordings under legal hold are kept</source>
        <translation>Entfernt nach Rückfrage Audio und Nummer jedes gefundenen Anrufs; Aufnahmen mit Aufbewahrungssperre bleiben erhalten</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>vv::app::CustomerDirectory</name>
    <message>
        <source>Cannot create the folder %1 for the customer directory; check its permissions.</source>
        <translation>Der Ordner %1 für das Kundenverzeichnis kann nicht angelegt werden; prüfen Sie seine Berechtigungen.</translation>
    </message>
    <message>
        <source>Cannot open the customer directory %1: %2</source>
        <translation>Das Kundenverzeichnis %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot prepare the customer directory %1: %2</source>
        <translation>Das Kundenverzeichnis %1 kann nicht vorbereitet werden: %2</translation>
    </message>
    <message>
        <source>Cannot upgrade the customer directory %1 to schema %2: %3</source>
        <translation>Das Kundenverzeichnis %1 kann nicht auf Schema %2 aktualisiert werden: %3</translation>
    </message>
    <message>
        <source>listing customers</source>
        <translation>Auflisten der Kunden</translation>
    </message>
    <message>
        <source>adding customer %1</source>
        <translation>Hinzufügen des Kunden %1</translation>
    </message>
    <message>
        <source>saving customers</source>
        <translation>Speichern der Kunden</translation>
    </message>
    <message>
        <source>updating customer %1</source>
        <translation>Aktualisieren des Kunden %1</translation>
    </message>
    <message>
        <source>deleting customer %1</source>
        <translation>Löschen des Kunden %1</translation>
    </message>
    <message>
        <source>saving server %1</source>
        <translation>Speichern des Servers %1</translation>
    </message>
    <message>
        <source>noting the sign-in to server %1</source>
        <translation>Vermerken der Anmeldung bei Server %1</translation>
    </message>
    <message>
        <source>removing server %1</source>
        <translation>Entfernen des Servers %1</translation>
    </message>
    <message>
        <source>adding a service</source>
        <translation>Hinzufügen eines Dienstes</translation>
    </message>
    <message>
        <source>removing service %1</source>
        <translation>Entfernen des Dienstes %1</translation>
    </message>
    <message>
        <source>caching %1</source>
        <translation>Zwischenspeichern von %1</translation>
    </message>
</context>
<context>
    <name>vv::app::CustomerModel</name>
    <message>
        <source>Open %1's details and VoIP services</source>
        <translation>Details und VoIP-Dienste von %1 öffnen</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
</context>
<context>
    <name>vv::app::ExtensionModel</name>
    <message>
        <source>excluded</source>
        <translation>ausgenommen</translation>
    </message>
    <message>
        <source>Calls of %1 are not recorded</source>
        <translation>Anrufe von %1 werden nicht aufgezeichnet</translation>
    </message>
    <message>
        <source>Calls of %1 with external numbers are recorded</source>
        <translation>Anrufe von %1 mit externen Nummern werden aufgezeichnet</translation>
    </message>
    <message>
        <source>listed in the vault</source>
        <translation>im Vault eingetragen</translation>
    </message>
    <message>
        <source>phone registered</source>
        <translation>Telefon registriert</translation>
    </message>
    <message>
        <source>in a call</source>
        <translation>im Gespräch</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>Ausschließen</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Nebenstelle</translation>
    </message>
    <message>
        <source>How it was found</source>
        <translation>Erkannt durch</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
</context>
<context>
    <name>vv::app::MemoryCredentialStore</name>
    <message>
        <source>no keychain</source>
        <translation>kein Schlüsselbund</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>vv::dashboard</name>
    <message>
        <source>Not enough history for a forecast yet (samples are taken hourly).</source>
        <translation>Noch nicht genug Verlauf für eine Prognose (Messwerte werden stündlich erfasst).</translation>
    </message>
    <message>
        <source>Not enough history for a forecast yet: it needs a day of hourly samples.</source>
        <translation>Noch nicht genug Verlauf für eine Prognose: Dafür sind stündliche Messwerte eines ganzen Tages nötig.</translation>
    </message>
    <message>
        <source>Grows about %1 a month; no cap (allowed to grow indefinitely).</source>
        <translation>Wächst um etwa %1 pro Monat; keine Obergrenze (darf unbegrenzt wachsen).</translation>
    </message>
    <message>
        <source>Not growing over the last week.</source>
        <translation>In der letzten Woche kein Wachstum.</translation>
    </message>
    <message>
        <source>Not growing over the last week: the cap is not filling.</source>
        <translation>In der letzten Woche kein Wachstum: Die Obergrenze füllt sich nicht.</translation>
    </message>
    <message>
        <source>at this rate the cap holds about %1 months of recordings</source>
        <translation>bei diesem Tempo reicht die Obergrenze für etwa %1 Monate Aufnahmen</translation>
    </message>
    <message numerus="yes">
        <source>The cap fills in about %n day(s) (%1 a month); %2.</source>
        <translation>
            <numerusform>Die Obergrenze ist in etwa %n Tag erreicht (%1 pro Monat); %2.</numerusform>
            <numerusform>Die Obergrenze ist in etwa %n Tagen erreicht (%1 pro Monat); %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The cap is full: the oldest recordings are overwritten; %1.</source>
        <translation>Die Obergrenze ist erreicht: Die ältesten Aufnahmen werden überschrieben; %1.</translation>
    </message>
    <message>
        <source>Storage used (%1)</source>
        <translation>Belegter Speicher (%1)</translation>
    </message>
    <message>
        <source>used</source>
        <translation>belegt</translation>
    </message>
    <message>
        <source>forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>cap</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <source>Calls per day</source>
        <translation>Anrufe pro Tag</translation>
    </message>
    <message>
        <source>Calls per day, %1 – %2</source>
        <translation>Anrufe pro Tag, %1 – %2</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>aufgenommen</translation>
    </message>
    <message>
        <source>recorded badly</source>
        <translation>schlecht aufgenommen</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>verpasst</translation>
    </message>
    <message>
        <source>not fetched yet</source>
        <translation>noch nicht abgerufen</translation>
    </message>
    <message>
        <source>not signed in, so not checked: %1</source>
        <translation>nicht angemeldet, daher nicht geprüft: %1</translation>
    </message>
    <message>
        <source>server unreachable: %1</source>
        <translation>Server nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>capture is not running: no capture interface configured</source>
        <translation>Mitschnitt läuft nicht: keine Mitschnitt-Schnittstelle konfiguriert</translation>
    </message>
    <message>
        <source>capture is not running</source>
        <translation>Mitschnitt läuft nicht</translation>
    </message>
    <message>
        <source>capture down: %1</source>
        <translation>Mitschnitt ausgefallen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) missed today</source>
        <translation>
            <numerusform>%n Anruf heute verpasst</numerusform>
            <numerusform>%n Anrufe heute verpasst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) recorded badly today</source>
        <translation>
            <numerusform>%n Anruf heute schlecht aufgenommen</numerusform>
            <numerusform>%n Anrufe heute schlecht aufgenommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missed in 7 days</source>
        <translation>
            <numerusform>%n in 7 Tagen verpasst</numerusform>
            <numerusform>%n in 7 Tagen verpasst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open alert(s)</source>
        <translation>
            <numerusform>%n offener Alarm</numerusform>
            <numerusform>%n offene Alarme</numerusform>
        </translation>
    </message>
    <message>
        <source>at %1% of its cap</source>
        <translation>bei %1 % der Obergrenze</translation>
    </message>
</context>
<context>
    <name>vv::dashboard::DashboardModel</name>
    <message>
        <source>Failing</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>(vaults not listed)</source>
        <translation>(Vaults nicht aufgelistet)</translation>
    </message>
    <message>
        <source>not linked</source>
        <translation>nicht verknüpft</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>AUSGEFALLEN</translation>
    </message>
    <message>
        <source>running, %1 dropped</source>
        <translation>läuft, %1 verworfen</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 von %2 (%3 %)</translation>
    </message>
    <message>
        <source>%1, no cap</source>
        <translation>%1, keine Obergrenze</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Vault</source>
        <translation>Vault</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>Mitschnitt</translation>
    </message>
    <message>
        <source>Last recording</source>
        <translation>Letzte Aufnahme</translation>
    </message>
    <message>
        <source>Today (rec / bad / missed)</source>
        <translation>Heute (aufg. / schlecht / verpasst)</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Offene Alarme</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Was nicht stimmt</translation>
    </message>
</context>
<context>
    <name>vv::dashboard::HealthCollector</name>
    <message>
        <source>the vaults could not be listed (%1)</source>
        <translation>die Vaults konnten nicht aufgelistet werden (%1)</translation>
    </message>
    <message>
        <source>alerts could not be read (%1)</source>
        <translation>Alarme konnten nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>assurance could not be read (%1)</source>
        <translation>die Aufnahmekontrolle konnte nicht gelesen werden (%1)</translation>
    </message>
</context>
<context>
    <name>vv::net::AgentClient</name>
    <message>
        <source>the agent refused the connection (is it running, and is the port right?)</source>
        <translation>der Agent hat die Verbindung abgelehnt (läuft er, und ist der Port richtig?)</translation>
    </message>
    <message>
        <source>the server name was not found (check the address)</source>
        <translation>der Servername wurde nicht gefunden (prüfen Sie die Adresse)</translation>
    </message>
    <message>
        <source>the agent did not answer in time (%1)</source>
        <translation>der Agent hat nicht rechtzeitig geantwortet (%1)</translation>
    </message>
    <message>
        <source>the server closed the connection: the agent speaks HTTPS, so use https:// in the address</source>
        <translation>der Server hat die Verbindung geschlossen: Der Agent verwendet HTTPS, geben Sie daher https:// in der Adresse an</translation>
    </message>
    <message>
        <source>the agent closed the connection before answering</source>
        <translation>der Agent hat die Verbindung geschlossen, bevor er geantwortet hat</translation>
    </message>
    <message>
        <source>could not write the download: %1</source>
        <translation>der Download konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>the agent's answer is larger than %1 bytes; refused</source>
        <translation>die Antwort des Agenten ist größer als %1 Byte; abgelehnt</translation>
    </message>
    <message>
        <source>the agent sent invalid JSON (%1 at byte %2)</source>
        <translation>der Agent hat ungültiges JSON gesendet (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>the agent answered HTTP %1 %2</source>
        <translation>der Agent hat mit HTTP %1 %2 geantwortet</translation>
    </message>
    <message>
        <source>the agent answered with a redirect (HTTP %1 to %2), which is not followed</source>
        <translation>der Agent hat mit einer Weiterleitung geantwortet (HTTP %1 nach %2), der nicht gefolgt wird</translation>
    </message>
    <message>
        <source>no server address set</source>
        <translation>keine Serveradresse festgelegt</translation>
    </message>
    <message>
        <source>invalid request URL: %1</source>
        <translation>ungültige Anfrage-URL: %1</translation>
    </message>
    <message>
        <source>no server address was given</source>
        <translation>es wurde keine Serveradresse angegeben</translation>
    </message>
    <message>
        <source>"%1" is not a server address</source>
        <translation>„%1“ ist keine Serveradresse</translation>
    </message>
    <message>
        <source>the server address must not contain a user name or password</source>
        <translation>die Serveradresse darf keinen Benutzernamen und kein Passwort enthalten</translation>
    </message>
    <message>
        <source>the server address must not contain a query or fragment</source>
        <translation>die Serveradresse darf keine Abfrage und kein Fragment enthalten</translation>
    </message>
    <message>
        <source>plain http:// reaches only this computer, and %1 is another one; use https://</source>
        <translation>unverschlüsseltes http:// erreicht nur diesen Computer, %1 ist aber ein anderer; verwenden Sie https://</translation>
    </message>
    <message>
        <source>"%1://" is not how the agent is reached; use https://</source>
        <translation>über „%1://“ ist der Agent nicht erreichbar; verwenden Sie https://</translation>
    </message>
</context>
<context>
    <name>vv::net::ApiModel</name>
    <message>
        <source>the server answered in a form this app does not understand (%1); the server and the app may be of different versions</source>
        <translation>der Server hat in einer Form geantwortet, die diese App nicht versteht (%1); Server und App haben möglicherweise unterschiedliche Versionen</translation>
    </message>
</context>
<context>
    <name>vv::net::Invitation</name>
    <message>
        <source>this is not a VIP Vault invitation</source>
        <translation>dies ist keine Einladung für VIP Vault</translation>
    </message>
    <message>
        <source>the invitation has no server address</source>
        <translation>die Einladung enthält keine Serveradresse</translation>
    </message>
    <message>
        <source>the invitation's server address cannot be used: %1</source>
        <translation>die Serveradresse der Einladung kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>the invitation's certificate fingerprint is missing or damaged</source>
        <translation>der Zertifikats-Fingerabdruck der Einladung fehlt oder ist beschädigt</translation>
    </message>
    <message>
        <source>the invitation has no user name</source>
        <translation>die Einladung enthält keinen Benutzernamen</translation>
    </message>
    <message>
        <source>the invitation has no password</source>
        <translation>die Einladung enthält kein Passwort</translation>
    </message>
</context>
<context>
    <name>vv::player::AudioPlayer</name>
    <message>
        <source>Could not load the recording: %1</source>
        <translation>Die Aufnahme konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The recording cannot be decoded: %1</source>
        <translation>Die Aufnahme kann nicht dekodiert werden: %1</translation>
    </message>
    <message>
        <source>No audio output device is available. Connect speakers or headphones, or check the system's sound settings.</source>
        <translation>Kein Audioausgabegerät verfügbar. Schließen Sie Lautsprecher oder Kopfhörer an oder prüfen Sie die Toneinstellungen des Systems.</translation>
    </message>
    <message>
        <source>The audio device "%1" does not accept 48 kHz 16-bit stereo.</source>
        <translation>Das Audiogerät „%1“ unterstützt 48 kHz, 16 Bit, Stereo nicht.</translation>
    </message>
    <message>
        <source>The audio device "%1" could not be opened (error %2).</source>
        <translation>Das Audiogerät „%1“ konnte nicht geöffnet werden (Fehler %2).</translation>
    </message>
    <message>
        <source>The audio device could not be opened.</source>
        <translation>Das Audiogerät konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The audio device failed while playing (%1).</source>
        <translation>Das Audiogerät ist während der Wiedergabe ausgefallen (%1).</translation>
    </message>
    <message>
        <source>I/O error</source>
        <translation>E/A-Fehler</translation>
    </message>
    <message>
        <source>fatal error</source>
        <translation>schwerwiegender Fehler</translation>
    </message>
</context>
<context>
    <name>vv::player::PlayerWidget</name>
    <message>
        <source>Both (stereo)</source>
        <translation>Beide (Stereo)</translation>
    </message>
    <message>
        <source>Both (mono)</source>
        <translation>Beide (Mono)</translation>
    </message>
    <message>
        <source>Only our side (the extension)</source>
        <translation>Nur unsere Seite (Nebenstelle)</translation>
    </message>
    <message>
        <source>Only the other party</source>
        <translation>Nur die Gegenstelle</translation>
    </message>
    <message>
        <source>No recording selected</source>
        <translation>Keine Aufnahme ausgewählt</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>Abs&amp;pielen</translation>
    </message>
    <message>
        <source>Loading audio… %1 of %2 KiB</source>
        <translation>Audio wird geladen… %1 von %2 KiB</translation>
    </message>
    <message>
        <source>Playback speed (this build changes the pitch with the speed)</source>
        <translation>Wiedergabegeschwindigkeit (in dieser Version ändert sich die Tonhöhe mit der Geschwindigkeit)</translation>
    </message>
</context>
<context>
    <name>vv::player::RangeFetcher</name>
    <message>
        <source>Not connected to the recorder.</source>
        <translation>Keine Verbindung zum Recorder.</translation>
    </message>
    <message>
        <source>The recorder did not send the audio (HTTP %1).</source>
        <translation>Der Recorder hat die Audiodaten nicht gesendet (HTTP %1).</translation>
    </message>
    <message>
        <source>The recorder answered a range without Content-Range.</source>
        <translation>Der Recorder hat auf eine Bereichsanfrage ohne Content-Range geantwortet.</translation>
    </message>
</context>
<context>
    <name>vv::player::WaveformWidget</name>
    <message>
        <source>Upper half: extension side. Lower half: far end. Click to jump there.</source>
        <translation>Obere Hälfte: Nebenstelle. Untere Hälfte: Gegenstelle. Klicken Sie, um dorthin zu springen.</translation>
    </message>
    <message>
        <source>Waveform appears as the audio arrives</source>
        <translation>Die Wellenform erscheint, sobald die Audiodaten eintreffen</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>Stille</translation>
    </message>
    <message>
        <source> — not heard</source>
        <translation> — nicht zu hören</translation>
    </message>
    <message>
        <source>Our side (the extension)</source>
        <translation>Unsere Seite (Nebenstelle)</translation>
    </message>
    <message>
        <source>The other party</source>
        <translation>Die Gegenstelle</translation>
    </message>
</context>
<context>
    <name>vv::recordings</name>
    <message>
        <source>The recording is damaged: %1</source>
        <translation>Die Aufnahme ist beschädigt: %1</translation>
    </message>
    <message>
        <source>The key on this computer does not open this recording.</source>
        <translation>Der Schlüssel auf diesem Computer öffnet diese Aufnahme nicht.</translation>
    </message>
    <message>
        <source>The recording failed its integrity check: %1</source>
        <translation>Die Aufnahme hat die Integritätsprüfung nicht bestanden: %1</translation>
    </message>
    <message>
        <source>The recording cannot be decoded: %1</source>
        <translation>Die Aufnahme kann nicht dekodiert werden: %1</translation>
    </message>
    <message>
        <source>The recording cannot be decoded.</source>
        <translation>Die Aufnahme kann nicht dekodiert werden.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>vv::recordings::AudioExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Herunterladen abgebrochen.</translation>
    </message>
    <message>
        <source>The recorder answered HTTP %1.</source>
        <translation>Der Recorder hat mit HTTP %1 geantwortet.</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2: %3</source>
        <translation>%1 kann nicht in %2 umbenannt werden: %3</translation>
    </message>
</context>
<context>
    <name>vv::recordings::BulkCalls</name>
    <message>
        <source>#%1: %2</source>
        <translation>#%1: %2</translation>
    </message>
    <message>
        <source>#%1: not signed in</source>
        <translation>#%1: nicht angemeldet</translation>
    </message>
</context>
<context>
    <name>vv::recordings::BulkExport</name>
    <message>
        <source>#%1: %2</source>
        <translation>#%1: %2</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
</context>
<context>
    <name>vv::recordings::ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Choose your password</source>
        <translation>Eigenes Passwort festlegen</translation>
    </message>
    <message>
        <source>The password in the invitation works only once: choose your own now (at least %1 characters).</source>
        <translation>Das Passwort aus der Einladung gilt nur einmal: Legen Sie jetzt Ihr eigenes fest (mindestens %1 Zeichen).</translation>
    </message>
    <message>
        <source>The current password is not right.</source>
        <translation>Das aktuelle Passwort ist nicht richtig.</translation>
    </message>
    <message>
        <source>Your session has ended: sign out and sign in again, then change the password.</source>
        <translation>Ihre Sitzung ist abgelaufen: Melden Sie sich ab und wieder an und ändern Sie dann das Passwort.</translation>
    </message>
    <message>
        <source>The new password was refused: %1</source>
        <translation>Das neue Passwort wurde abgelehnt: %1</translation>
    </message>
    <message>
        <source>Too many attempts: wait %1 seconds and try again.</source>
        <translation>Zu viele Versuche: Warten Sie %1 Sekunden und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The password was not changed: %1</source>
        <translation>Das Passwort wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Geben Sie Ihr aktuelles Passwort ein.</translation>
    </message>
    <message>
        <source>The new password needs at least %1 characters.</source>
        <translation>Das neue Passwort muss mindestens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Die beiden neuen Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>The new password is the same as the current one.</source>
        <translation>Das neue Passwort ist mit dem aktuellen identisch.</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Passwort wird geändert…</translation>
    </message>
</context>
<context>
    <name>vv::recordings::NotePanel</name>
    <message>
        <source>No note yet.</source>
        <translation>Noch keine Notiz.</translation>
    </message>
    <message>
        <source>Written by %1, %2.</source>
        <translation>Geschrieben von %1, %2.</translation>
    </message>
    <message>
        <source>A note is at most %1 characters; this one has %2.</source>
        <translation>Eine Notiz darf höchstens %1 Zeichen lang sein; diese hat %2.</translation>
    </message>
    <message>
        <source>Saving the note…</source>
        <translation>Notiz wird gespeichert…</translation>
    </message>
    <message>
        <source>The note on recording %1 was not saved: %2.</source>
        <translation>Die Notiz zu Aufnahme %1 wurde nicht gespeichert: %2.</translation>
    </message>
    <message>
        <source>The note was not saved: %1. Your text is still here; try again.</source>
        <translation>Die Notiz wurde nicht gespeichert: %1. Ihr Text ist noch vorhanden; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Saved. %1</source>
        <translation>Gespeichert. %1</translation>
    </message>
    <message>
        <source>Note removed.</source>
        <translation>Notiz entfernt.</translation>
    </message>
</context>
<context>
    <name>vv::recordings::RecordingsFilterBar</name>
    <message>
        <source>Any direction</source>
        <translation>Alle Richtungen</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Ausgehend</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>ab %1</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <source>number contains “%1”</source>
        <translation>Nummer enthält „%1“</translation>
    </message>
    <message>
        <source>extension %1</source>
        <translation>Nebenstelle %1</translation>
    </message>
    <message>
        <source>at least 1 second long</source>
        <translation>mindestens 1 Sekunde lang</translation>
    </message>
    <message>
        <source>at least %1 seconds long</source>
        <translation>mindestens %1 Sekunden lang</translation>
    </message>
    <message>
        <source>note contains “%1”</source>
        <translation>Notiz enthält „%1“</translation>
    </message>
</context>
<context>
    <name>vv::recordings::RecordingsModel</name>
    <message>
        <source>The audio of this call is no longer in the vault (%1).</source>
        <translation>Die Audiodaten dieses Anrufs sind nicht mehr im Vault (%1).</translation>
    </message>
    <message>
        <source>This call continues recording %1: it was transferred or picked up from that call.</source>
        <translation>Dieser Anruf setzt Aufnahme %1 fort: Er wurde aus jenem Anruf weitervermittelt oder herangeholt.</translation>
    </message>
    <message>
        <source> · protected</source>
        <translation> · geschützt</translation>
    </message>
    <message>
        <source> · overwritten to make room</source>
        <translation> · überschrieben, um Platz zu schaffen</translation>
    </message>
    <message>
        <source> · deleted</source>
        <translation> · gelöscht</translation>
    </message>
    <message>
        <source> · audio file missing</source>
        <translation> · Audiodatei fehlt</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Ausgehend</translation>
    </message>
    <message>
        <source>continues #%1</source>
        <translation>Fortsetzung von #%1</translation>
    </message>
    <message>
        <source>%1, continues #%2</source>
        <translation>%1, Fortsetzung von #%2</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>%1% lost</source>
        <translation>%1 % verloren</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Nebenstelle</translation>
    </message>
    <message>
        <source>Other party</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>Dialled</source>
        <translation>Gewählt</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>The recorder answered HTTP %1.</source>
        <translation>Der Recorder hat mit HTTP %1 geantwortet.</translation>
    </message>
    <message>
        <source>%1
— %2, %3</source>
        <translation>%1
— %2, %3</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>vv::recordings::RecordingsView</name>
    <message>
        <source>Could not load recordings: %1</source>
        <translation>Aufnahmen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>As Ogg Opus (small)…</source>
        <translation>Als Ogg Opus (klein)…</translation>
    </message>
    <message>
        <source>As WAV (plays everywhere)…</source>
        <translation>Als WAV (überall abspielbar)…</translation>
    </message>
    <message>
        <source>Protecting</source>
        <translation>Schützen</translation>
    </message>
    <message>
        <source>Removing protection from</source>
        <translation>Aufheben des Schutzes</translation>
    </message>
    <message>
        <source>&amp;Download %1 recordings…</source>
        <translation>%1 Aufnahmen &amp;herunterladen…</translation>
    </message>
    <message>
        <source>&amp;Download selected…</source>
        <translation>Ausgewählte &amp;herunterladen…</translation>
    </message>
    <message>
        <source>%1 %2 of them…</source>
        <translation>%1 von %2 Aufnahmen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 1 recording: done.</source>
        <translation>%1 von 1 Aufnahme: erledigt.</translation>
    </message>
    <message>
        <source>%1 %2 recordings: done.</source>
        <translation>%1 von %2 Aufnahmen: erledigt.</translation>
    </message>
    <message>
        <source>Not done for %1: %2</source>
        <translation>Nicht erledigt für %1: %2</translation>
    </message>
    <message>
        <source>Delete this recording? Its audio cannot be recovered; the call stays listed as deleted.</source>
        <translation>Diese Aufnahme löschen? Die Audiodaten lassen sich nicht wiederherstellen; der Anruf bleibt als gelöscht aufgeführt.</translation>
    </message>
    <message>
        <source>Delete these %1 recordings? Their audio cannot be recovered; the calls stay listed as deleted. Protected recordings are kept.</source>
        <translation>Diese %1 Aufnahmen löschen? Die Audiodaten lassen sich nicht wiederherstellen; die Anrufe bleiben als gelöscht aufgeführt. Geschützte Aufnahmen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Delete recordings?</source>
        <translation>Aufnahmen löschen?</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Download the selected recordings into</source>
        <translation>Ausgewählte Aufnahmen herunterladen nach</translation>
    </message>
    <message>
        <source>Downloading %1 of them…</source>
        <translation>%1 Aufnahmen werden heruntergeladen…</translation>
    </message>
    <message>
        <source>Saved 1 recording</source>
        <translation>1 Aufnahme gespeichert</translation>
    </message>
    <message>
        <source>Saved %1 recordings</source>
        <translation>%1 Aufnahmen gespeichert</translation>
    </message>
    <message>
        <source> in %1 — &lt;a href="%2"&gt;Show in folder&lt;/a&gt;</source>
        <translation> in %1 — &lt;a href="%2"&gt;Im Ordner anzeigen&lt;/a&gt;</translation>
    </message>
    <message>
        <source>. Cancelled before the rest.</source>
        <translation>. Der Rest wurde abgebrochen.</translation>
    </message>
    <message>
        <source>. Not saved: %1</source>
        <translation>. Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No recordings yet in this vault.</source>
        <translation>Noch keine Aufnahmen in diesem Vault.</translation>
    </message>
    <message>
        <source>No recordings match: %1. Change or clear the filters to see more.</source>
        <translation>Keine passenden Aufnahmen: %1. Ändern Sie die Filter oder setzen Sie sie zurück, um mehr zu sehen.</translation>
    </message>
    <message>
        <source>1 recording</source>
        <translation>1 Aufnahme</translation>
    </message>
    <message>
        <source>%1 recordings, %2 shown</source>
        <translation>%1 Aufnahmen, %2 angezeigt</translation>
    </message>
    <message>
        <source>part %1: %2, ext. %3 (%4:%5)</source>
        <translation>Teil %1: %2, Nst. %3 (%4:%5)</translation>
    </message>
    <message>
        <source>an earlier part (loading…)</source>
        <translation>ein früherer Teil (wird geladen…)</translation>
    </message>
    <message numerus="yes">
        <source>One conversation in %n part(s): </source>
        <translation>
            <numerusform>Ein Gespräch in %n Teil: </numerusform>
            <numerusform>Ein Gespräch in %n Teilen: </numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · ext. %2 ↔ %3</source>
        <translation>%1 · Nst. %2 ↔ %3</translation>
    </message>
    <message>
        <source>%1 · %2 · ext. %3 ↔ %4</source>
        <translation>%1 · %2 · Nst. %3 ↔ %4</translation>
    </message>
    <message>
        <source>%1 — the audio was %2 and cannot be played.</source>
        <translation>%1 — die Audiodaten wurden %2 und können nicht abgespielt werden.</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>Ogg Opus, small (*.opus *.ogg)</source>
        <translation>Ogg Opus, klein (*.opus *.ogg)</translation>
    </message>
    <message>
        <source>WAV, plays everywhere (*.wav)</source>
        <translation>WAV, überall abspielbar (*.wav)</translation>
    </message>
    <message>
        <source>Download recording</source>
        <translation>Aufnahme herunterladen</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>%1 wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Saved %1 — &lt;a href="%2"&gt;Show in folder&lt;/a&gt;</source>
        <translation>%1 gespeichert — &lt;a href="%2"&gt;Im Ordner anzeigen&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Herunterladen abgebrochen.</translation>
    </message>
</context>
<context>
    <name>vv::recordings::SubjectDialog</name>
    <message>
        <source>Closes this window; nothing is changed by closing it</source>
        <translation>Schließt dieses Fenster; durch das Schließen wird nichts geändert</translation>
    </message>
    <message>
        <source>Export everything about %1</source>
        <translation>Alles zu %1 exportieren</translation>
    </message>
    <message>
        <source>Tar archive (*.tar)</source>
        <translation>Tar-Archiv (*.tar)</translation>
    </message>
    <message>
        <source>Looking for calls with %1…</source>
        <translation>Anrufe mit %1 werden gesucht…</translation>
    </message>
    <message>
        <source>Could not look: %1</source>
        <translation>Suche nicht möglich: %1</translation>
    </message>
    <message>
        <source>This vault holds no call with %1.</source>
        <translation>Dieser Vault enthält keinen Anruf mit %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) with %1</source>
        <translation>
            <numerusform>%n Anruf mit %1</numerusform>
            <numerusform>%n Anrufe mit %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with audio (%1)</source>
        <translation>
            <numerusform>%n mit Audio (%1)</numerusform>
            <numerusform>%n mit Audio (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n under legal hold: kept by an erasure until the hold is released.</source>
        <translation>
            <numerusform>%n mit Aufbewahrungssperre: bleibt bei einer Löschung erhalten, bis die Sperre aufgehoben ist.</numerusform>
            <numerusform>%n mit Aufbewahrungssperre: bleiben bei einer Löschung erhalten, bis die Sperre aufgehoben ist.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still being recorded: kept; erase again after the call.</source>
        <translation>
            <numerusform>%n wird noch aufgenommen: bleibt erhalten; nach dem Anruf erneut löschen.</numerusform>
            <numerusform>%n werden noch aufgenommen: bleiben erhalten; nach dem Anruf erneut löschen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Erase everything about %1</source>
        <translation>Alles zu %1 löschen</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <source>The calls with this number changed since you looked; nothing was erased. Find again, then erase.</source>
        <translation>Die Anrufe mit dieser Nummer haben sich seit der Suche geändert; es wurde nichts gelöscht. Suchen Sie erneut und löschen Sie dann.</translation>
    </message>
    <message numerus="yes">
        <source>The erasure did not finish: %1. %n call(s) were erased; find again to see what is left.</source>
        <translation>
            <numerusform>Die Löschung wurde nicht abgeschlossen: %1. %n Anruf wurde gelöscht; suchen Sie erneut, um den Rest zu sehen.</numerusform>
            <numerusform>Die Löschung wurde nicht abgeschlossen: %1. %n Anrufe wurden gelöscht; suchen Sie erneut, um den Rest zu sehen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erased: %n call(s). The audit log records each erasure (without the number).</source>
        <translation>
            <numerusform>Gelöscht: %n Anruf. Das Prüfprotokoll verzeichnet jede Löschung (ohne die Nummer).</numerusform>
            <numerusform>Gelöscht: %n Anrufe. Das Prüfprotokoll verzeichnet jede Löschung (ohne die Nummer).</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Gespeichert unter %1.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Erase %n call(s) with %1 from this vault? Their audio (%2) and the number in each of them are removed for good; this cannot be undone. Recordings under legal hold are kept.</source>
        <translation>
            <numerusform>%n Anruf mit %1 aus diesem Vault löschen? Das Audio (%2) und die Nummer werden endgültig entfernt; das lässt sich nicht rückgängig machen. Aufnahmen mit Aufbewahrungssperre bleiben erhalten.</numerusform>
            <numerusform>%n Anrufe mit %1 aus diesem Vault löschen? Ihr Audio (%2) und die Nummer in jedem davon werden endgültig entfernt; das lässt sich nicht rückgängig machen. Aufnahmen mit Aufbewahrungssperre bleiben erhalten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vv::recordings::VerificationLabel</name>
    <message>
        <source>Tamper evidence</source>
        <translation>Manipulationsnachweis</translation>
    </message>
    <message>
        <source>Whether this recording is provably unchanged since it was recorded</source>
        <translation>Ob diese Aufnahme nachweislich seit der Aufzeichnung unverändert ist</translation>
    </message>
    <message>
        <source>Checking that the recording is unchanged…</source>
        <translation>Es wird geprüft, ob die Aufnahme unverändert ist…</translation>
    </message>
    <message>
        <source>Could not check whether the recording is unchanged: %1</source>
        <translation>Es konnte nicht geprüft werden, ob die Aufnahme unverändert ist: %1</translation>
    </message>
    <message>
        <source>✔ Verified: unchanged since recorded (signed by the recorder %1)</source>
        <translation>✔ Geprüft: seit der Aufzeichnung unverändert (vom Recorder signiert am %1)</translation>
    </message>
    <message>
        <source>✔ Unchanged since recorded (the recorder signs it within the hour)</source>
        <translation>✔ Seit der Aufzeichnung unverändert (der Recorder signiert sie innerhalb einer Stunde)</translation>
    </message>
    <message>
        <source>Recorded before this server kept tamper evidence: nothing to check it against</source>
        <translation>Aufgenommen, bevor dieser Server Manipulationsnachweise führte: keine Vergleichsgrundlage</translation>
    </message>
    <message>
        <source>⚠ Changed since recorded: %1. Keep this copy and tell your reseller.</source>
        <translation>⚠ Seit der Aufzeichnung verändert: %1. Bewahren Sie diese Kopie auf und informieren Sie Ihren Reseller.</translation>
    </message>
    <message>
        <source>⚠ Not verifiable: %1. Tell your reseller.</source>
        <translation>⚠ Nicht prüfbar: %1. Informieren Sie Ihren Reseller.</translation>
    </message>
</context>
<context>
    <name>vv::ui::AddServiceDialog</name>
    <message>
        <source>Add service</source>
        <translation>Dienst hinzufügen</translation>
    </message>
    <message>
        <source>No server is registered yet: use Servers → Add server… first.</source>
        <translation>Noch kein Server registriert: Verwenden Sie zuerst Server → Server hinzufügen…</translation>
    </message>
    <message>
        <source>Loading the server's vaults…</source>
        <translation>Vaults des Servers werden geladen…</translation>
    </message>
    <message>
        <source>Cannot list the vaults: %1. You can still create a new one.</source>
        <translation>Die Vaults können nicht aufgelistet werden: %1. Sie können trotzdem einen neuen anlegen.</translation>
    </message>
    <message>
        <source>Pick a vault, or create a new one.</source>
        <translation>Wählen Sie einen Vault aus oder legen Sie einen neuen an.</translation>
    </message>
    <message>
        <source>Creating the vault…</source>
        <translation>Vault wird angelegt…</translation>
    </message>
    <message>
        <source>The vault was not created: %1</source>
        <translation>Der Vault wurde nicht angelegt: %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>vv::ui::AuditDialog</name>
    <message>
        <source>Audit log — vault %1</source>
        <translation>Prüfprotokoll — Vault %1</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>played a recording</source>
        <translation>Aufnahme abgespielt</translation>
    </message>
    <message>
        <source>downloaded a recording</source>
        <translation>Aufnahme heruntergeladen</translation>
    </message>
    <message>
        <source>protected a recording</source>
        <translation>Aufnahme geschützt</translation>
    </message>
    <message>
        <source>removed a recording's protection</source>
        <translation>Schutz einer Aufnahme aufgehoben</translation>
    </message>
    <message>
        <source>deleted a recording</source>
        <translation>Aufnahme gelöscht</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>angemeldet</translation>
    </message>
    <message>
        <source>failed to sign in</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>abgemeldet</translation>
    </message>
    <message>
        <source>changed their password</source>
        <translation>eigenes Passwort geändert</translation>
    </message>
    <message>
        <source>created a login</source>
        <translation>Zugang angelegt</translation>
    </message>
    <message>
        <source>changed a login</source>
        <translation>Zugang geändert</translation>
    </message>
    <message>
        <source>deleted a login</source>
        <translation>Zugang gelöscht</translation>
    </message>
    <message>
        <source>changed the vault's settings</source>
        <translation>Vault-Einstellungen geändert</translation>
    </message>
    <message>
        <source>created the vault</source>
        <translation>Vault angelegt</translation>
    </message>
    <message>
        <source>acknowledged a problem</source>
        <translation>Problem bestätigt</translation>
    </message>
    <message>
        <source>subscribed to alerts</source>
        <translation>Alarme abonniert</translation>
    </message>
    <message>
        <source>removed an alert subscription</source>
        <translation>Alarm-Abonnement entfernt</translation>
    </message>
    <message>
        <source>A recording is given by its number, such as 1234.</source>
        <translation>Eine Aufnahme wird über ihre Nummer angegeben, z. B. 1234.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The audit log could not be read: %1</source>
        <translation>Das Prüfprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation>Keine Einträge passen zu diesen Filtern.</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 Einträge</translation>
    </message>
    <message>
        <source>wrote a note on a recording</source>
        <translation>Notiz zu einer Aufnahme geschrieben</translation>
    </message>
    <message>
        <source>erased a recording on request</source>
        <translation>Aufnahme auf Anfrage gelöscht</translation>
    </message>
    <message>
        <source>exported what the vault holds about a number</source>
        <translation>exportiert, was der Vault zu einer Nummer enthält</translation>
    </message>
    <message>
        <source>changed the vault's encryption</source>
        <translation>Verschlüsselung des Vaults geändert</translation>
    </message>
    <message>
        <source>set the vault's own key</source>
        <translation>eigenen Schlüssel des Vaults festgelegt</translation>
    </message>
    <message>
        <source>fetched the key backup</source>
        <translation>Schlüsselsicherung abgerufen</translation>
    </message>
</context>
<context>
    <name>vv::ui::BillingTab</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Vault</source>
        <translation>Vault</translation>
    </message>
    <message>
        <source>Used now</source>
        <translation>Aktuell belegt</translation>
    </message>
    <message>
        <source>GB-months</source>
        <translation>GB-Monate</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>No VoIP services yet.</source>
        <translation>Noch keine VoIP-Dienste.</translation>
    </message>
    <message>
        <source>Fetching usage for %1…</source>
        <translation>Nutzung für %1 wird abgerufen…</translation>
    </message>
    <message>
        <source>Some servers did not answer (%1); their rows show —. Refresh when they are reachable.</source>
        <translation>Einige Server haben nicht geantwortet (%1); ihre Zeilen zeigen —. Aktualisieren Sie, sobald sie erreichbar sind.</translation>
    </message>
    <message>
        <source>Fetching</source>
        <translation>Wird abgerufen</translation>
    </message>
    <message>
        <source>the server gave no statement for the month</source>
        <translation>der Server hat keine Aufstellung für den Monat geliefert</translation>
    </message>
    <message>
        <source>Total for %1: %2</source>
        <translation>Gesamt für %1: %2</translation>
    </message>
    <message>
        <source>Export billing</source>
        <translation>Abrechnung exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>vv::ui::CustomerDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>A customer needs a name.</source>
        <translation>Ein Kunde braucht einen Namen.</translation>
    </message>
    <message>
        <source>The e-mail address needs an @.</source>
        <translation>Die E-Mail-Adresse muss ein @ enthalten.</translation>
    </message>
</context>
<context>
    <name>vv::ui::CustomerKeyDialog</name>
    <message>
        <source>Open your recordings on this computer</source>
        <translation>Ihre Aufnahmen auf diesem Computer öffnen</translation>
    </message>
    <message>
        <source>&amp;Restore my key</source>
        <translation>Schlüssel &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Opens the key backup with the phrase and keeps the key in this computer's keychain</source>
        <translation>Öffnet die Schlüsselsicherung mit der Phrase und bewahrt den Schlüssel im Schlüsselbund dieses Computers auf</translation>
    </message>
    <message>
        <source>This computer has no keychain to keep your key in, so it cannot be made here. Use a computer with a keychain (on Linux, GNOME Keyring or KWallet).</source>
        <translation>Dieser Computer hat keinen Schlüsselbund für Ihren Schlüssel, daher kann er hier nicht erzeugt werden. Verwenden Sie einen Computer mit Schlüsselbund (unter Linux: GNOME Keyring oder KWallet).</translation>
    </message>
    <message>
        <source>The keychain did not keep your key: %1</source>
        <translation>Der Schlüsselbund hat Ihren Schlüssel nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Making your key…</source>
        <translation>Ihr Schlüssel wird erzeugt…</translation>
    </message>
    <message>
        <source>The key could not be made: %1</source>
        <translation>Der Schlüssel konnte nicht erzeugt werden: %1</translation>
    </message>
    <message>
        <source>The recorder did not take your key: %1</source>
        <translation>Der Recorder hat Ihren Schlüssel nicht angenommen: %1</translation>
    </message>
    <message>
        <source>Your key is made. Only you can listen to your recordings from now on.</source>
        <translation>Ihr Schlüssel ist erzeugt. Ab jetzt können nur Sie Ihre Aufnahmen anhören.</translation>
    </message>
    <message>
        <source>Opening your key backup…</source>
        <translation>Ihre Schlüsselsicherung wird geöffnet…</translation>
    </message>
    <message>
        <source>The key backup could not be fetched: %1</source>
        <translation>Die Schlüsselsicherung konnte nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>That phrase does not open your key backup. Check it against what you wrote down.</source>
        <translation>Diese Phrase öffnet Ihre Schlüsselsicherung nicht. Vergleichen Sie sie mit Ihrer Notiz.</translation>
    </message>
    <message>
        <source>Your key is on this computer now.</source>
        <translation>Ihr Schlüssel ist jetzt auf diesem Computer.</translation>
    </message>
</context>
<context>
    <name>vv::ui::CustomerView</name>
    <message>
        <source>status not fetched yet</source>
        <translation>Status noch nicht abgerufen</translation>
    </message>
    <message>
        <source>No VoIP service yet: add one to manage its VIP Vault.</source>
        <translation>Noch kein VoIP-Dienst: Fügen Sie einen hinzu, um dessen VIP Vault zu verwalten.</translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 belegt</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1, no cap</source>
        <translation>%1, keine Obergrenze</translation>
    </message>
    <message>
        <source>recording %1 · %2</source>
        <translation>Aufnahme %1 · %2</translation>
    </message>
    <message>
        <source>on</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>(what was last fetched cannot be read)</source>
        <translation>(die zuletzt abgerufenen Daten sind nicht lesbar)</translation>
    </message>
    <message>
        <source>(server removed)</source>
        <translation>(Server entfernt)</translation>
    </message>
    <message>
        <source>%1 — vault %2
%3%4</source>
        <translation>%1 — Vault %2
%3%4</translation>
    </message>
    <message>
        <source>reachable · </source>
        <translation>erreichbar · </translation>
    </message>
    <message>
        <source>Open the VoIP service on %1</source>
        <translation>VoIP-Dienst auf %1 öffnen</translation>
    </message>
    <message>
        <source>not reachable: %1%2</source>
        <translation>nicht erreichbar: %1%2</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source> Open the service to sign in.</source>
        <translation> Öffnen Sie den Dienst, um sich anzumelden.</translation>
    </message>
    <message>
        <source>Remove service</source>
        <translation>Dienst entfernen</translation>
    </message>
    <message>
        <source>Remove this VoIP service record from the customer? The vault and its recordings stay on the server.</source>
        <translation>Den Eintrag dieses VoIP-Dienstes beim Kunden entfernen? Der Vault und seine Aufnahmen bleiben auf dem Server erhalten.</translation>
    </message>
</context>
<context>
    <name>vv::ui::CustomersTab</name>
    <message>
        <source>1 customer</source>
        <translation>1 Kunde</translation>
    </message>
    <message>
        <source>%1 customers</source>
        <translation>%1 Kunden</translation>
    </message>
    <message>
        <source>No customer matches “%1” (of %2)</source>
        <translation>Kein Kunde passt zu „%1“ (von %2)</translation>
    </message>
    <message>
        <source>%1 of %2 match</source>
        <translation>Treffer: %1 von %2</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>The customer could not be saved: %1</source>
        <translation>Der Kunde konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Delete customer</source>
        <translation>Kunde löschen</translation>
    </message>
    <message>
        <source>Delete %1 and its VoIP service records from this directory? The vaults and recordings on the servers are not touched.</source>
        <translation>%1 und die zugehörigen VoIP-Dienst-Einträge aus diesem Verzeichnis löschen? Die Vaults und Aufnahmen auf den Servern bleiben unberührt.</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>Kunden importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Es wurde nichts importiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n customer(s).</source>
        <translation>
            <numerusform>%n Kunde importiert.</numerusform>
            <numerusform>%n Kunden importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) left out; fix them and import those rows again:</source>
        <translation>
            <numerusform>%n Zeile ausgelassen; korrigieren Sie sie und importieren Sie diese Zeile erneut:</numerusform>
            <numerusform>%n Zeilen ausgelassen; korrigieren Sie sie und importieren Sie diese Zeilen erneut:</numerusform>
        </translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Export customers</source>
        <translation>Kunden exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>vv::ui::DashboardTab</name>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Updated %1.</source>
        <translation>Aktualisiert: %1.</translation>
    </message>
    <message>
        <source>Asking every server…</source>
        <translation>Alle Server werden abgefragt…</translation>
    </message>
    <message>
        <source>No servers yet: Servers → Add server.</source>
        <translation>Noch keine Server: Server → Server hinzufügen.</translation>
    </message>
    <message numerus="yes">
        <source>%n vault(s) or server(s) NOT recording properly</source>
        <translation>
            <numerusform>%n Vault oder Server nimmt NICHT richtig auf</numerusform>
            <numerusform>%n Vaults oder Server nehmen NICHT richtig auf</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n need attention</source>
        <translation>
            <numerusform>; %n erfordert Aufmerksamkeit</numerusform>
            <numerusform>; %n erfordern Aufmerksamkeit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording; %n vault(s) need attention</source>
        <translation>
            <numerusform>Aufnahme läuft; %n Vault erfordert Aufmerksamkeit</numerusform>
            <numerusform>Aufnahme läuft; %n Vaults erfordern Aufmerksamkeit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every vault is recording (%n)</source>
        <translation>
            <numerusform>Jeder Vault nimmt auf (%n)</numerusform>
            <numerusform>Alle Vaults nehmen auf (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Vault %1 on %2</source>
        <translation>Vault %1 auf %2</translation>
    </message>
    <message>
        <source>Storage history could not be read: %1</source>
        <translation>Der Speicherverlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Calls per day could not be read: %1</source>
        <translation>Die Anrufe pro Tag konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Open alerts on %1 (%2)</source>
        <translation>Offene Alarme auf %1 (%2)</translation>
    </message>
    <message>
        <source>Alerts could not be read: %1</source>
        <translation>Die Alarme konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (seen by %2)</source>
        <translation>%1 (gesehen von %2)</translation>
    </message>
    <message>
        <source>Alerts: %1</source>
        <translation>Alarme: %1</translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Alarm quittiert.</translation>
    </message>
    <message>
        <source>The alert was not acknowledged: %1</source>
        <translation>Der Alarm wurde nicht quittiert: %1</translation>
    </message>
</context>
<context>
    <name>vv::ui::DigestDialog</name>
    <message>
        <source>Your subscriptions could not be read: %1</source>
        <translation>Ihre Abonnements konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1: daily report and alerts</source>
        <translation>%1: täglicher Bericht und Alarme</translation>
    </message>
    <message>
        <source>%1: daily report</source>
        <translation>%1: täglicher Bericht</translation>
    </message>
    <message>
        <source>%1: alerts</source>
        <translation>%1: Alarme</translation>
    </message>
    <message>
        <source>No one is subscribed yet.</source>
        <translation>Noch hat niemand abonniert.</translation>
    </message>
    <message>
        <source>Subscribed: %1</source>
        <translation>Abonniert: %1</translation>
    </message>
    <message>
        <source>Type the e-mail address the report should go to.</source>
        <translation>Geben Sie die E-Mail-Adresse ein, an die der Bericht gehen soll.</translation>
    </message>
    <message>
        <source>Not subscribed: %1</source>
        <translation>Nicht abonniert: %1</translation>
    </message>
    <message>
        <source>Subscribed %1. The first report comes tomorrow morning.</source>
        <translation>Abonnement für %1 eingerichtet. Der erste Bericht kommt morgen früh.</translation>
    </message>
    <message>
        <source>%1 unsubscribed.</source>
        <translation>%1 abbestellt.</translation>
    </message>
    <message>
        <source>%1 not unsubscribed: %2</source>
        <translation>%1 nicht abbestellt: %2</translation>
    </message>
</context>
<context>
    <name>vv::ui::EditVaultDialog</name>
    <message>
        <source>Edit VIP Vault — %1</source>
        <translation>VIP Vault bearbeiten — %1</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message numerus="yes">
        <source>%n excluded</source>
        <translation>
            <numerusform>%n ausgenommen</numerusform>
            <numerusform>%n ausgenommen</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the vault's settings, extensions and usage…</source>
        <translation>Einstellungen, Nebenstellen und Nutzung des Vaults werden geladen…</translation>
    </message>
    <message>
        <source>settings: %1</source>
        <translation>Einstellungen: %1</translation>
    </message>
    <message>
        <source>extensions: %1</source>
        <translation>Nebenstellen: %1</translation>
    </message>
    <message>
        <source>usage: %1</source>
        <translation>Nutzung: %1</translation>
    </message>
    <message>
        <source>The vault's settings could not be loaded (%1). Check that the server is reachable and open this dialog again.</source>
        <translation>Die Einstellungen des Vaults konnten nicht geladen werden (%1). Prüfen Sie, ob der Server erreichbar ist, und öffnen Sie diesen Dialog erneut.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Some information is missing (%1); the settings can still be edited.</source>
        <translation>Einige Informationen fehlen (%1); die Einstellungen lassen sich trotzdem bearbeiten.</translation>
    </message>
    <message>
        <source>%1 users talking %2 minutes a month, kept %3 months: %4 minutes of calls (about %5 hours). That needs %6, which costs you %7 a month once the vault is that full (at %8 per GB a month).</source>
        <translation>%1 Benutzer mit je %2 Minuten Gesprächszeit pro Monat, %3 Monate aufbewahrt: %4 Gesprächsminuten (etwa %5 Stunden). Dafür werden %6 benötigt; das kostet Sie %7 pro Monat, sobald der Vault so voll ist (bei %8 pro GB und Monat).</translation>
    </message>
    <message>
        <source>Based on what this vault's recordings really take: about %1 minutes of calls per GB.</source>
        <translation>Basierend auf dem tatsächlichen Platzbedarf der Aufnahmen dieses Vaults: etwa %1 Gesprächsminuten pro GB.</translation>
    </message>
    <message>
        <source>Nothing is recorded in this vault yet, so this uses what recordings take on this server: about %1 minutes of calls per GB.</source>
        <translation>In diesem Vault ist noch nichts aufgenommen, daher wird der Platzbedarf der Aufnahmen auf diesem Server verwendet: etwa %1 Gesprächsminuten pro GB.</translation>
    </message>
    <message>
        <source>Nothing is recorded on this server yet, so this assumes the most a recording can take: about %1 minutes of calls per GB. Real calls usually take less.</source>
        <translation>Auf diesem Server ist noch nichts aufgenommen, daher wird der größtmögliche Platzbedarf einer Aufnahme angenommen: etwa %1 Gesprächsminuten pro GB. Echte Gespräche brauchen meist weniger.</translation>
    </message>
    <message>
        <source>For comparison, the usual rule of thumb for uncompressed phone audio (2,000 minutes per GB) would say %1.</source>
        <translation>Zum Vergleich: Die übliche Faustregel für unkomprimiertes Telefon-Audio (2.000 Minuten pro GB) ergäbe %1.</translation>
    </message>
    <message>
        <source>Checking what this change would remove…</source>
        <translation>Es wird geprüft, was diese Änderung entfernen würde…</translation>
    </message>
    <message>
        <source>Not saved: the agent could not say what this change would remove (%1). Your changes are still here; try again.</source>
        <translation>Nicht gespeichert: Der Agent konnte nicht angeben, was diese Änderung entfernen würde (%1). Ihre Änderungen sind noch vorhanden; versuchen Sie es erneut.</translation>
    </message>
    <message numerus="yes">
        <source>deletes the %n recording(s) older than the retention limit (%1)</source>
        <translation>
            <numerusform>löscht %n Aufnahme mit abgelaufener Aufbewahrungsdauer (%1)</numerusform>
            <numerusform>löscht %n Aufnahmen mit abgelaufener Aufbewahrungsdauer (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overwrites the %n oldest recording(s) to get under the cap (%1)</source>
        <translation>
            <numerusform>überschreibt %n Aufnahme, die älteste (%1), um unter die Obergrenze zu kommen</numerusform>
            <numerusform>überschreibt die %n ältesten Aufnahmen (%1), um unter die Obergrenze zu kommen</numerusform>
        </translation>
    </message>
    <message>
        <source>This vault holds %1. Saving %2 now; they cannot be recovered.</source>
        <translation>Dieser Vault belegt %1. Das Speichern %2. Die Aufnahmen lassen sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Protected recordings alone exceed this cap, so the vault will stay over it until their protection is removed.</source>
        <translation>Allein die geschützten Aufnahmen überschreiten diese Obergrenze; der Vault bleibt daher darüber, bis ihr Schutz aufgehoben wird.</translation>
    </message>
    <message>
        <source>Save anyway?</source>
        <translation>Trotzdem speichern?</translation>
    </message>
    <message>
        <source>Remove recordings?</source>
        <translation>Aufnahmen entfernen?</translation>
    </message>
    <message>
        <source>Not saved: nothing was removed.</source>
        <translation>Nicht gespeichert: Es wurde nichts entfernt.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Not saved: the vault changed while you were deciding, so the numbers you saw are out of date. Save again to see the new ones.</source>
        <translation>Nicht gespeichert: Der Vault hat sich geändert, während Sie noch überlegt haben; die angezeigten Zahlen sind daher veraltet. Speichern Sie erneut, um die aktuellen zu sehen.</translation>
    </message>
    <message>
        <source>Not saved: %1. Your changes are still here; try again.</source>
        <translation>Nicht gespeichert: %1. Ihre Änderungen sind noch vorhanden; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Not saved: %1 (%2). Correct it and save again.</source>
        <translation>Nicht gespeichert: %1 (%2). Korrigieren Sie die Angabe und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>Stores these settings on the customer's VoIP server; asks first when recordings would be removed</source>
        <translation>Speichert diese Einstellungen auf dem VoIP-Server des Kunden; fragt vorher nach, wenn dadurch Aufnahmen entfernt würden</translation>
    </message>
    <message>
        <source>Closes the dialog and keeps the vault as it was</source>
        <translation>Schließt den Dialog und lässt den Vault unverändert</translation>
    </message>
    <message>
        <source>encryption: %1</source>
        <translation>Verschlüsselung: %1</translation>
    </message>
    <message>
        <source>The settings were saved, but not the encryption: %1</source>
        <translation>Die Einstellungen wurden gespeichert, die Verschlüsselung aber nicht: %1</translation>
    </message>
    <message>
        <source>This recorder keeps recordings as plain files; update it to encrypt them.</source>
        <translation>Dieser Recorder speichert Aufnahmen als unverschlüsselte Dateien; aktualisieren Sie ihn, um sie zu verschlüsseln.</translation>
    </message>
    <message>
        <source>Only the customer can listen: they hold the key. You still see sizes, counts and details, and bill as before. Only the customer could hand the key back.</source>
        <translation>Nur der Kunde kann zuhören: Er hält den Schlüssel. Sie sehen weiterhin Größen, Anzahlen und Details und rechnen wie bisher ab. Nur der Kunde könnte den Schlüssel zurückgeben.</translation>
    </message>
    <message>
        <source>New recordings are kept as plain files, readable by anyone who gets the disk or a backup. Encrypted ones stay encrypted.</source>
        <translation>Neue Aufnahmen werden als unverschlüsselte Dateien gespeichert, lesbar für jeden, der die Festplatte oder eine Sicherung erhält. Verschlüsselte bleiben verschlüsselt.</translation>
    </message>
    <message>
        <source>New recordings are encrypted with a key the recorder keeps apart from them: a lost disk or a stolen backup holds nothing anyone can play. You and the customer listen as before.</source>
        <translation>Neue Aufnahmen werden mit einem Schlüssel verschlüsselt, den der Recorder getrennt von ihnen aufbewahrt: Eine verlorene Festplatte oder eine gestohlene Sicherung enthält nichts, was sich abspielen lässt. Sie und der Kunde hören wie bisher zu.</translation>
    </message>
    <message>
        <source>The customer makes their own key the next time they sign in; until then recordings are encrypted with the recorder's key. From then on neither you nor whoever runs the recorder can listen, and if the customer loses their key and recovery phrase the recordings are lost.</source>
        <translation>Der Kunde erzeugt seinen eigenen Schlüssel bei seiner nächsten Anmeldung; bis dahin werden Aufnahmen mit dem Schlüssel des Recorders verschlüsselt. Danach können weder Sie noch der Betreiber des Recorders zuhören, und verliert der Kunde Schlüssel und Wiederherstellungsphrase, sind die Aufnahmen verloren.</translation>
    </message>
</context>
<context>
    <name>vv::ui::HealthBanner</name>
    <message>
        <source>Daily report by e-mail…</source>
        <translation>Täglicher Bericht per E-Mail…</translation>
    </message>
    <message>
        <source>Recording state unknown: %1</source>
        <translation>Aufnahmestatus unbekannt: %1</translation>
    </message>
    <message>
        <source>Recording is failing: %1</source>
        <translation>Aufnahme schlägt fehl: %1</translation>
    </message>
    <message>
        <source>No recording problems reported by the agent.</source>
        <translation>Der Agent meldet keine Aufnahmeprobleme.</translation>
    </message>
</context>
<context>
    <name>vv::ui::InvitationDialog</name>
    <message>
        <source>Invitation for %1</source>
        <translation>Einladung für %1</translation>
    </message>
    <message>
        <source>Send this to %1, by e-mail or chat, or as a file. With it VIP Vault connects to the right server and checks its certificate by itself; %1 chooses their own password at the first sign-in. The password in it works once and is not shown again.</source>
        <translation>Senden Sie dies per E-Mail, Chat oder als Datei an %1. Damit verbindet sich VIP Vault mit dem richtigen Server und prüft dessen Zertifikat selbst; %1 wählt bei der ersten Anmeldung ein eigenes Passwort. Das enthaltene Passwort funktioniert nur einmal und wird nicht erneut angezeigt.</translation>
    </message>
    <message>
        <source>Copied. Paste it into a message to %1.</source>
        <translation>Kopiert. Fügen Sie es in eine Nachricht an %1 ein.</translation>
    </message>
    <message>
        <source>Save the invitation</source>
        <translation>Einladung speichern</translation>
    </message>
    <message>
        <source>VIP Vault invitations (*.%1)</source>
        <translation>Einladungen für VIP Vault (*.%1)</translation>
    </message>
    <message>
        <source>Saved as %1. Send the file to %2; they open it with VIP Vault.</source>
        <translation>Gespeichert als %1. Senden Sie die Datei an %2; sie wird mit VIP Vault geöffnet.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>vv::ui::LoginsDialog</name>
    <message>
        <source>Customer logins — vault %1</source>
        <translation>Kundenzugänge — Vault %1</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Loading the logins…</source>
        <translation>Zugänge werden geladen…</translation>
    </message>
    <message>
        <source>Listing the logins</source>
        <translation>Auflisten der Zugänge</translation>
    </message>
    <message>
        <source>Listing the logins failed: %1</source>
        <translation>Auflisten der Zugänge fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>No customer login yet.</source>
        <translation>Noch kein Kundenzugang.</translation>
    </message>
    <message>
        <source>Enter a username (3-64 letters, digits, . _ @ -).</source>
        <translation>Geben Sie einen Benutzernamen ein (3–64 Buchstaben, Ziffern, . _ @ -).</translation>
    </message>
    <message>
        <source>A password needs at least 10 characters; or leave it empty to generate one.</source>
        <translation>Ein Passwort braucht mindestens 10 Zeichen; oder lassen Sie das Feld leer, damit eines erzeugt wird.</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>%1 wird angelegt…</translation>
    </message>
    <message>
        <source>Creating %1</source>
        <translation>Anlegen von %1</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <source>The one-time password for %1 is:

%2

Give it to the customer now: it is shown only once, and they choose their own at the first sign-in.</source>
        <translation>Das Einmalpasswort für %1 lautet:

%2

Geben Sie es jetzt an den Kunden weiter: Es wird nur einmal angezeigt, und der Kunde wählt bei der ersten Anmeldung ein eigenes.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Give %1 a new one-time password? The old one stops working, %1 is signed out, and an invitation to send them is shown.</source>
        <translation>%1 ein neues Einmalpasswort geben? Das alte funktioniert dann nicht mehr, %1 wird abgemeldet, und es wird eine Einladung zum Versenden angezeigt.</translation>
    </message>
    <message>
        <source>Resetting %1's password…</source>
        <translation>Passwort von %1 wird zurückgesetzt…</translation>
    </message>
    <message>
        <source>Resetting the password</source>
        <translation>Zurücksetzen des Passworts</translation>
    </message>
    <message>
        <source>The password was reset, but the server's answer could not be read (%1): reset it again to see the new one.</source>
        <translation>Das Passwort wurde zurückgesetzt, aber die Antwort des Servers konnte nicht gelesen werden (%1): Setzen Sie es erneut zurück, um das neue zu sehen.</translation>
    </message>
    <message>
        <source>Changing the login</source>
        <translation>Ändern des Zugangs</translation>
    </message>
</context>
<context>
    <name>vv::ui::MainWindow</name>
    <message>
        <source>Signed in to %1</source>
        <translation>Angemeldet bei %1</translation>
    </message>
    <message>
        <source>Vault %1 (not linked to a customer)</source>
        <translation>Vault %1 (keinem Kunden zugeordnet)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Übersicht</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>K&amp;unden</translation>
    </message>
    <message>
        <source>&amp;Billing</source>
        <translation>&amp;Abrechnung</translation>
    </message>
    <message>
        <source>&amp;Recordings</source>
        <translation>&amp;Aufnahmen</translation>
    </message>
    <message>
        <source>&amp;Account (%1)</source>
        <translation>&amp;Konto (%1)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>Change password for %1</source>
        <translation>Passwort für %1 ändern</translation>
    </message>
    <message>
        <source>Password not remembered</source>
        <translation>Passwort nicht gespeichert</translation>
    </message>
    <message>
        <source>The password was changed, but the keychain could not be updated (%1). You will be asked for the new password next time.</source>
        <translation>Das Passwort wurde geändert, aber der Schlüsselbund konnte nicht aktualisiert werden (%1). Beim nächsten Mal werden Sie nach dem neuen Passwort gefragt.</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Passwort geändert.</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>The password was changed, but signing in with the new one failed (%1). Sign in again.</source>
        <translation>Das Passwort wurde geändert, aber die Anmeldung mit dem neuen ist fehlgeschlagen (%1). Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>vv::ui::ManageServersDialog</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Certificate (SHA-256)</source>
        <translation>Zertifikat (SHA-256)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>session open</source>
        <translation>Sitzung offen</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>The name was not saved: %1</source>
        <translation>Der Name wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Renamed %1 to %2.</source>
        <translation>%1 in %2 umbenannt.</translation>
    </message>
    <message>
        <source>Remove %1 (%2, user %3) from this app?

%4The agent keeps running and keeps every recording; only this app forgets it, its remembered password and its certificate.</source>
        <translation>%1 (%2, Benutzer %3) aus dieser App entfernen?

%4Der Agent läuft weiter und behält alle Aufnahmen; nur diese App vergisst den Server, sein gespeichertes Passwort und sein Zertifikat.</translation>
    </message>
    <message numerus="yes">
        <source>%n VoIP service(s) of your customers are linked to it and will be unlinked. </source>
        <translation>
            <numerusform>%n VoIP-Dienst Ihrer Kunden ist damit verknüpft und wird getrennt. </numerusform>
            <numerusform>%n VoIP-Dienste Ihrer Kunden sind damit verknüpft und werden getrennt. </numerusform>
        </translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation>Server entfernen</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>Nicht entfernt: %1</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>unusable address: %1</source>
        <translation>unbrauchbare Adresse: %1</translation>
    </message>
    <message>
        <source>reachable; certificate as trusted</source>
        <translation>erreichbar; Zertifikat wie bisher vertraut</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>CERTIFICATE CHANGED</source>
        <translation>ZERTIFIKAT GEÄNDERT</translation>
    </message>
    <message>
        <source>%1 now presents a different certificate.

Trusted before:
%2

Presented now:
%3

Trust the new one only if the server's administrator confirms this fingerprint (the agent logs it at start). Otherwise someone may be intercepting the connection: do not trust it.</source>
        <translation>%1 legt jetzt ein anderes Zertifikat vor.

Bisher vertraut:
%2

Jetzt vorgelegt:
%3

Vertrauen Sie dem neuen nur, wenn der Administrator des Servers diesen Fingerabdruck bestätigt (der Agent protokolliert ihn beim Start). Andernfalls fängt möglicherweise jemand die Verbindung ab: Vertrauen Sie ihm nicht.</translation>
    </message>
    <message>
        <source>Certificate changed</source>
        <translation>Zertifikat geändert</translation>
    </message>
    <message>
        <source>CERTIFICATE CHANGED: not trusted; the app refuses to connect</source>
        <translation>ZERTIFIKAT GEÄNDERT: nicht vertraut; die App verweigert die Verbindung</translation>
    </message>
    <message>
        <source>not saved: %1</source>
        <translation>nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>new certificate trusted</source>
        <translation>dem neuen Zertifikat wird jetzt vertraut</translation>
    </message>
</context>
<context>
    <name>vv::ui::ServerAccess</name>
    <message>
        <source>This server is no longer registered.</source>
        <translation>Dieser Server ist nicht mehr registriert.</translation>
    </message>
    <message>
        <source>Not signed in to %1.</source>
        <translation>Nicht bei %1 angemeldet.</translation>
    </message>
    <message>
        <source>Cannot sign in to %1: %2</source>
        <translation>Anmeldung bei %1 nicht möglich: %2</translation>
    </message>
</context>
<context>
    <name>vv::ui::ServicePage</name>
    <message>
        <source>VoIP service — vault %1</source>
        <translation>VoIP-Dienst — Vault %1</translation>
    </message>
    <message>
        <source>Showing what was last fetched.</source>
        <translation>Angezeigt wird der zuletzt abgerufene Stand.</translation>
    </message>
    <message>
        <source>Fetching the server's status…</source>
        <translation>Status des Servers wird abgerufen…</translation>
    </message>
    <message>
        <source>The server answered with a different certificate from the one trusted, so nothing was fetched. Open Servers → Manage servers to compare the fingerprints and trust the new one once the server's administrator confirms it. Showing what was last fetched.</source>
        <translation>Der Server hat mit einem anderen als dem vertrauten Zertifikat geantwortet, daher wurde nichts abgerufen. Öffnen Sie Server → Server verwalten, um die Fingerabdrücke zu vergleichen, und vertrauen Sie dem neuen Zertifikat, sobald der Administrator des Servers es bestätigt. Angezeigt wird der zuletzt abgerufene Stand.</translation>
    </message>
    <message>
        <source>The server did not answer (%1); showing what was last fetched.</source>
        <translation>Der Server hat nicht geantwortet (%1); angezeigt wird der zuletzt abgerufene Stand.</translation>
    </message>
    <message>
        <source>The server has no vault %1 any more.</source>
        <translation>Der Server hat keinen Vault %1 mehr.</translation>
    </message>
    <message>
        <source>The vault could not be read (%1).</source>
        <translation>Der Vault konnte nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <source>not fetched yet</source>
        <translation>noch nicht abgerufen</translation>
    </message>
    <message>
        <source>running on %1</source>
        <translation>läuft auf %1</translation>
    </message>
    <message>
        <source>NOT running: no network interface is set for capture. Set interface in the agent's configuration.</source>
        <translation>läuft NICHT: Für den Mitschnitt ist keine Netzwerkschnittstelle festgelegt. Legen Sie interface in der Konfiguration des Agenten fest.</translation>
    </message>
    <message>
        <source>NOT running on %1</source>
        <translation>läuft NICHT auf %1</translation>
    </message>
    <message>
        <source>NOT running on %1: %2</source>
        <translation>läuft NICHT auf %1: %2</translation>
    </message>
    <message>
        <source>%1 of %2 captured</source>
        <translation>%1 von %2 mitgeschnittenen</translation>
    </message>
    <message>
        <source>none since the agent started</source>
        <translation>keine seit dem Start des Agenten</translation>
    </message>
    <message numerus="yes">
        <source>%n open: see the Dashboard tab</source>
        <translation>
            <numerusform>%n offen: siehe Registerkarte Übersicht</numerusform>
            <numerusform>%n offen: siehe Registerkarte Übersicht</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Cannot reach the agent (%1): whether calls are being recorded is unknown.</source>
        <translation>Agent nicht erreichbar (%1): Ob Anrufe aufgenommen werden, ist unbekannt.</translation>
    </message>
    <message>
        <source>UNKNOWN: the server is unreachable (it was on, %1)</source>
        <translation>UNBEKANNT: Der Server ist nicht erreichbar (war eingeschaltet, %1)</translation>
    </message>
    <message>
        <source>UNKNOWN: the server is unreachable</source>
        <translation>UNBEKANNT: Der Server ist nicht erreichbar</translation>
    </message>
    <message>
        <source>NOT RECORDING: this agent has no capture interface configured (interface = none in its configuration), so it sees no calls.</source>
        <translation>KEINE AUFNAHME: Für diesen Agenten ist keine Mitschnitt-Schnittstelle konfiguriert (interface = none in seiner Konfiguration), daher sieht er keine Anrufe.</translation>
    </message>
    <message>
        <source>on, but NOT RECORDING (no capture interface)</source>
        <translation>ein, aber KEINE AUFNAHME (keine Mitschnitt-Schnittstelle)</translation>
    </message>
    <message>
        <source>capture is not running</source>
        <translation>Mitschnitt läuft nicht</translation>
    </message>
    <message>
        <source>NOT RECORDING: the agent cannot capture calls on %1 (%2). The agent retries every few seconds.</source>
        <translation>KEINE AUFNAHME: Der Agent kann auf %1 keine Anrufe mitschneiden (%2). Er versucht es alle paar Sekunden erneut.</translation>
    </message>
    <message>
        <source>its interface</source>
        <translation>seiner Schnittstelle</translation>
    </message>
    <message>
        <source>on, but NOT RECORDING (capture down)</source>
        <translation>ein, aber KEINE AUFNAHME (Mitschnitt ausgefallen)</translation>
    </message>
    <message>
        <source>on</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>the agent sent no settings: is this account the reseller's?</source>
        <translation>der Agent hat keine Einstellungen gesendet: Ist dies das Konto des Resellers?</translation>
    </message>
    <message>
        <source>%1 used of a %2 cap</source>
        <translation>%1 belegt, Obergrenze %2</translation>
    </message>
    <message>
        <source>%1 used; allowed to grow indefinitely</source>
        <translation>%1 belegt; darf unbegrenzt wachsen</translation>
    </message>
    <message>
        <source>none (every extension is recorded)</source>
        <translation>keine (alle Nebenstellen werden aufgenommen)</translation>
    </message>
    <message>
        <source>Recordings — vault %1</source>
        <translation>Aufnahmen — Vault %1</translation>
    </message>
    <message>
        <source>Latest calls: could not be fetched (%1)</source>
        <translation>Letzte Anrufe: konnten nicht abgerufen werden (%1)</translation>
    </message>
    <message>
        <source>Latest calls: none yet</source>
        <translation>Letzte Anrufe: noch keine</translation>
    </message>
    <message>
        <source>Latest calls</source>
        <translation>Letzte Anrufe</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Nebenstelle</translation>
    </message>
    <message>
        <source>Other party</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>MISSED: %1</source>
        <translation>VERPASST: %1</translation>
    </message>
    <message>
        <source>recorded, with problems</source>
        <translation>aufgenommen, mit Problemen</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>aufgenommen</translation>
    </message>
    <message>
        <source>not recorded: %1</source>
        <translation>nicht aufgenommen: %1</translation>
    </message>
</context>
<context>
    <name>vv::ui::SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Open an invitation</source>
        <translation>Einladung öffnen</translation>
    </message>
    <message>
        <source>VIP Vault invitations (*.%1);;All files (*)</source>
        <translation>Einladungen für VIP Vault (*.%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No keychain is available on this computer (%1), so VIP Vault cannot remember the password: you will be asked for it each time.</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund verfügbar (%1), daher kann sich VIP Vault das Passwort nicht merken: Sie werden jedes Mal danach gefragt.</translation>
    </message>
    <message>
        <source>Enter the server URL, your username and your password.</source>
        <translation>Geben Sie die Server-URL, Ihren Benutzernamen und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>The server address cannot be used: %1. Type it as the reseller gave it, for example https://pbx.example.com:8443.</source>
        <translation>Die Serveradresse kann nicht verwendet werden: %1. Geben Sie sie so ein, wie der Reseller sie Ihnen genannt hat, zum Beispiel https://pbx.example.com:8443.</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Anmeldung bei %1…</translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation>Diesem Server vertrauen?</translation>
    </message>
    <message>
        <source>This is the first connection to %1. It presented a certificate with this SHA-256 fingerprint:

%2

Compare it with the fingerprint your reseller gave you (it is in the invitation). Trust it only if they are the same; VIP Vault will then refuse any other certificate from this server.</source>
        <translation>Dies ist die erste Verbindung zu %1. Der Server hat ein Zertifikat mit diesem SHA-256-Fingerabdruck vorgelegt:

%2

Vergleichen Sie ihn mit dem Fingerabdruck, den Ihr Reseller Ihnen gegeben hat (er steht in der Einladung). Vertrauen Sie dem Zertifikat nur, wenn beide übereinstimmen; VIP Vault lehnt dann jedes andere Zertifikat dieses Servers ab.</translation>
    </message>
    <message>
        <source>This is the first connection to %1. It presented a certificate with this SHA-256 fingerprint:

%2

Compare it with the fingerprint the agent logged when it started (journalctl -u vipvault-agent | grep fingerprint). Trust it only if they are the same; VIP Vault will then refuse any other certificate from this server.</source>
        <translation>Dies ist die erste Verbindung zu %1. Der Server hat ein Zertifikat mit diesem SHA-256-Fingerabdruck vorgelegt:

%2

Vergleichen Sie ihn mit dem Fingerabdruck, den der Agent beim Start protokolliert hat (journalctl -u vipvault-agent | grep fingerprint). Vertrauen Sie dem Zertifikat nur, wenn beide übereinstimmen; VIP Vault lehnt dann jedes andere Zertifikat dieses Servers ab.</translation>
    </message>
    <message>
        <source>Not signed in: the server's certificate was not trusted.</source>
        <translation>Nicht angemeldet: Dem Zertifikat des Servers wurde nicht vertraut.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>Too many attempts: wait %1 seconds and try again.</source>
        <translation>Zu viele Versuche: Warten Sie %1 Sekunden und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cannot reach %1 (%2). Check the URL and that vipvault-agent is running there.</source>
        <translation>%1 ist nicht erreichbar (%2). Prüfen Sie die URL und ob vipvault-agent dort läuft.</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>This is a customer login. Servers are managed with the reseller's login; a customer signs in from the start window.</source>
        <translation>Dies ist ein Kundenzugang. Server werden mit dem Zugang des Resellers verwaltet; Kunden melden sich über das Startfenster an.</translation>
    </message>
    <message>
        <source>This is a reseller login; a customer login is needed here.</source>
        <translation>Dies ist ein Reseller-Zugang; hier wird ein Kundenzugang benötigt.</translation>
    </message>
    <message>
        <source>Signed in, but the server could not be saved in the directory: %1</source>
        <translation>Angemeldet, aber der Server konnte nicht im Verzeichnis gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Saving the password in the keychain…</source>
        <translation>Passwort wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>Password not remembered</source>
        <translation>Passwort nicht gespeichert</translation>
    </message>
    <message>
        <source>Signed in, but the password could not be stored in the keychain (%1). VIP Vault never stores it anywhere else, so you will be asked for it next time.</source>
        <translation>Angemeldet, aber das Passwort konnte nicht im Schlüsselbund gespeichert werden (%1). VIP Vault speichert es nirgendwo sonst, daher werden Sie beim nächsten Mal danach gefragt.</translation>
    </message>
    <message>
        <source>Refused: %1 presented a different certificate from the one trusted before. Someone may be intercepting the connection, or the server was reinstalled.</source>
        <translation>Abgelehnt: %1 hat ein anderes Zertifikat vorgelegt als das bisher vertraute. Möglicherweise fängt jemand die Verbindung ab, oder der Server wurde neu installiert.</translation>
    </message>
    <message>
        <source>Ask your reseller to read you the fingerprint of the server's new certificate. Only if it is the one under "Presented now" trust it; otherwise do not sign in, and tell your reseller.</source>
        <translation>Bitten Sie Ihren Reseller, Ihnen den Fingerabdruck des neuen Serverzertifikats vorzulesen. Vertrauen Sie dem Zertifikat nur, wenn es das unter „Jetzt vorgelegt“ ist; andernfalls melden Sie sich nicht an und informieren Sie Ihren Reseller.</translation>
    </message>
    <message>
        <source>Check the new fingerprint on the server (the agent logs it when it starts: journalctl -u vipvault-agent | grep fingerprint). Only if it is the one under "Presented now" trust it.</source>
        <translation>Prüfen Sie den neuen Fingerabdruck auf dem Server (der Agent protokolliert ihn beim Start: journalctl -u vipvault-agent | grep fingerprint). Vertrauen Sie dem Zertifikat nur, wenn es das unter „Jetzt vorgelegt“ ist.</translation>
    </message>
    <message>
        <source>My reseller confirmed it: trust the new certificate</source>
        <translation>Mein Reseller hat ihn bestätigt: dem neuen Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>I checked it: trust the new certificate</source>
        <translation>Ich habe ihn geprüft: dem neuen Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Trust the new certificate?</source>
        <translation>Dem neuen Zertifikat vertrauen?</translation>
    </message>
    <message>
        <source>VIP Vault will trust only this certificate from %1 from now on:

%2

The one trusted before will be refused.</source>
        <translation>VIP Vault vertraut ab jetzt nur noch diesem Zertifikat von %1:

%2

Das bisher vertraute wird abgelehnt.</translation>
    </message>
    <message>
        <source>That invitation cannot be used: %1. Copy all of its text, or ask your reseller for a new one.</source>
        <translation>Diese Einladung kann nicht verwendet werden: %1. Kopieren Sie ihren gesamten Text, oder bitten Sie Ihren Reseller um eine neue.</translation>
    </message>
    <message>
        <source>Invitation for %1 on %2. Click Sign in; you will then choose your own password.</source>
        <translation>Einladung für %1 auf %2. Klicken Sie auf Anmelden; danach wählen Sie Ihr eigenes Passwort.</translation>
    </message>
    <message>
        <source>Cannot read the invitation %1: %2</source>
        <translation>Die Einladung %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>it is far too large</source>
        <translation>sie ist viel zu groß</translation>
    </message>
    <message>
        <source>Signed in with the invitation's one-time password: choose your own to continue.</source>
        <translation>Mit dem Einmalpasswort der Einladung angemeldet: Wählen Sie zum Fortfahren ein eigenes.</translation>
    </message>
    <message>
        <source>Not signed in: choose your own password to continue. The invitation's password still works until then.</source>
        <translation>Nicht angemeldet: Wählen Sie zum Fortfahren ein eigenes Passwort. Bis dahin funktioniert das Passwort der Einladung weiterhin.</translation>
    </message>
    <message>
        <source>Connects to the server with this user name and password</source>
        <translation>Verbindet sich mit diesem Benutzernamen und Passwort mit dem Server</translation>
    </message>
</context>
</TS>