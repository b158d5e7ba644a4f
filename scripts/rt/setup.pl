#!/usr/bin/perl
# Prepares a Request Tracker 5 instance for Portico, idempotently: rights,
# the `portico` service account and its auth token, the custom fields the
# rt connector maps onto, demo users and a handful of demo tickets.
#
#   perl scripts/rt/setup.pl --env-file .portico-data/rt.env [--queue General] [--no-demo]
#
# Runs through RT's own Perl API (not REST2) because rights, users and auth
# tokens can only be created by an administrator, and the package's root
# password is a default we do not want the gateway to depend on.
use strict;
use warnings;
use lib '/usr/share/request-tracker5/lib', '/usr/local/share/request-tracker5/lib';
use Getopt::Long;
use MIME::Entity;
use Storable ();

use RT;
RT::LoadConfig();
RT::Init();

my $env_file;
my $queue_name = $ENV{RT_QUEUE} || 'General';
my $demo       = 1;
my $url        = $ENV{RT_URL} || 'http://127.0.0.1:8780';
GetOptions(
    'env-file=s' => \$env_file,
    'queue=s'    => \$queue_name,
    'demo!'      => \$demo,
    'url=s'      => \$url,
) or die "usage: $0 --env-file PATH [--queue NAME] [--no-demo]\n";
die "--env-file is required\n" unless $env_file;

my $system = RT->SystemUser;

sub check {
    my ( $what, $ok, $msg ) = @_;
    die "rt setup: $what failed: " . ( $msg // 'unknown error' ) . "\n" unless $ok;
    return $ok;
}

# ------------------------------------------------------------------ queue

my $queue = RT::Queue->new($system);
$queue->Load($queue_name);
unless ( $queue->Id ) {
    check( "create queue $queue_name",
        $queue->Create( Name => $queue_name, Description => 'Customer portal (Portico)' ) );
}

# ------------------------------------------------------------------ custom fields

# Keep in step with DEFAULT_FIELD_MAP, ORGANIZATION_CF, ORGANIZATION_NAME_CF,
# SERVICE_CF and AUTHOR_CF in server/connectors/rt/rt-fields.ts; the rt tests
# check that every mapped field exists.
my @ticket_cfs = (
    [ 'Organization',       'Portico organisation id (set by the gateway; filtered on)' ],
    [ 'Organization name',  'Portico organisation name, for display' ],
    [ 'Closed in portal',   'When the customer closed this ticket in the portal (RT Resolved time)' ],
    [ 'Portal updated',     'Time of the newest transaction the customer sees (set by the scrip "Portico: portal updated")' ],
    [ 'Service',            'Portico service (category) of the form' ],
    [ 'Product',            'Portico form field: product' ],
    [ 'Urgency',            'Portico form field: urgency' ],
    [ 'Affected users',     'Portico form field: affectedUsers' ],
    [ 'Contact email',      'Portico form field: contactEmail' ],
    [ 'Since',              'Portico form field: since' ],
    [ 'Notify',             'Portico form field: notify' ],
    [ 'Internal reference', 'Portico form field: internalRef' ],
    [ 'System',             'Portico form field: system' ],
    [ 'Access level',       'Portico form field: accessLevel' ],
    [ 'Start date',         'Portico form field: start-date / startDate' ],
    [ 'Manager email',      'Portico form field: manager-email / managerEmail' ],
    [ 'Reason',             'Portico form field: reason' ],
    [ 'Cost centre',        'Portico form field: costCentre' ],
);
my @txn_cfs = ( [ 'Portal author', 'Customer who wrote this message in the portal (Portico)' ] );

my %cf_by_name;
sub ensure_cf {
    my ( $name, $description, $lookup ) = @_;
    my $cfs = RT::CustomFields->new($system);
    $cfs->Limit( FIELD => 'Name',       VALUE => $name, CASESENSITIVE => 1 );
    $cfs->Limit( FIELD => 'LookupType', VALUE => $lookup );
    my $cf = $cfs->First;
    unless ($cf) {
        $cf = RT::CustomField->new($system);
        check( "create custom field $name",
            $cf->Create(
                Name        => $name,
                Type        => 'FreeformSingle',
                LookupType  => $lookup,
                Description => $description,
            ) );
    }
    unless ( $cf->IsAdded( $queue->Id ) ) {
        check( "apply custom field $name to $queue_name", $cf->AddToObject($queue) );
    }
    $cf_by_name{$name} = $cf;
    return $cf;
}
ensure_cf( @$_, 'RT::Queue-RT::Ticket' ) for @ticket_cfs;
ensure_cf( @$_, 'RT::Queue-RT::Ticket-RT::Transaction' ) for @txn_cfs;

# ------------------------------------------------------------------ "Portal updated"

# RT moves LastUpdated on every transaction, internal comments included; the
# customer's "updated" and "unread" must move only on what the customer sees.
# This scrip keeps the ticket CF `Portal updated` (UPDATED_CF in rt-fields.ts)
# at the time of the newest public transaction — Create, Correspond, a status
# change — without recording a transaction of its own (so the value neither
# moves LastUpdated nor shows in the history). The connector reads and sorts
# by it (docs/rt.md).
my $public_txn_condition = <<'PERL';
my $txn = $self->TransactionObj;
my $type = $txn->Type;
return 1 if $type eq 'Create' || $type eq 'Correspond';
return 1 if $type eq 'Status' && ( $txn->NewValue // '' ) ne 'deleted';
return 0;
PERL
my $portal_updated_action = <<'PERL';
my $cf = RT::CustomField->new( RT->SystemUser );
$cf->LoadByName( Name => 'Portal updated', LookupType => 'RT::Queue-RT::Ticket' );
return 1 unless $cf->Id;
my $ticket = RT::Ticket->new( RT->SystemUser );
$ticket->Load( $self->TicketObj->Id );
my ( $ok, $msg ) = $ticket->AddCustomFieldValue(
    Field => $cf->Id, Value => $self->TransactionObj->Created, RecordTransaction => 0 );
RT->Logger->warning("Portico: portal updated: $msg") unless $ok;
return 1;
PERL
{
    my $scrip = RT::Scrip->new($system);
    $scrip->LoadByCols( Description => 'Portico: portal updated' );
    if ( $scrip->Id ) {
        $scrip->SetCustomIsApplicableCode($public_txn_condition) if ( $scrip->CustomIsApplicableCode // '' ) ne $public_txn_condition;
        $scrip->SetCustomCommitCode($portal_updated_action)     if ( $scrip->CustomCommitCode // '' ) ne $portal_updated_action;
    }
    else {
        check( 'create scrip "Portico: portal updated"',
            $scrip->Create(
                Description            => 'Portico: portal updated',
                ScripCondition         => 'User Defined',
                ScripAction            => 'User Defined',
                Template               => 'Blank',
                Stage                  => 'TransactionCreate',
                CustomIsApplicableCode => $public_txn_condition,
                CustomPrepareCode      => 'return 1;',
                CustomCommitCode       => $portal_updated_action,
                Queue                  => $queue->Id,
            ) );
    }
    # Tickets from before the scrip: the newest public transaction's time.
    my $cf      = $cf_by_name{'Portal updated'};
    my $tickets = RT::Tickets->new($system);
    $tickets->FromSQL( "Queue = " . $queue->Id . " AND CF.{Portal updated} IS NULL AND Status != 'deleted'" );
    while ( my $ticket = $tickets->Next ) {
        my $txns = $ticket->Transactions;
        $txns->Limit( FIELD => 'Type', VALUE => [qw(Create Correspond Status)], OPERATOR => 'IN' );
        $txns->OrderByCols( { FIELD => 'id', ORDER => 'DESC' } );
        $txns->RowsPerPage(1);
        my $last = $txns->First or next;
        $ticket->AddCustomFieldValue( Field => $cf->Id, Value => $last->Created, RecordTransaction => 0 );
    }
}

# ------------------------------------------------------------------ custom statuses

# A site's own statuses, as an administrator adds them in RT's lifecycle
# editor (stored in RT's database, like the editor does): `waiting-customer`
# (active) and `cancelled` (inactive, left only back to `waiting-customer`).
# The rt tests check that the connector reads their category from RT and
# follows the lifecycle's own transitions (docs/rt.md, "Statuses").
{
    my $lifecycles = RT->Config->Get('Lifecycles');
    my $default    = Storable::dclone( $lifecycles->{default} );
    unless ( grep { $_ eq 'waiting-customer' } @{ $default->{active} } ) {
        push @{ $default->{active} },   'waiting-customer';
        push @{ $default->{inactive} }, 'cancelled';
        for my $from ( grep { $_ ne '' && $_ ne 'deleted' } keys %{ $default->{transitions} } ) {
            push @{ $default->{transitions}{$from} }, 'waiting-customer', 'cancelled';
        }
        $default->{transitions}{'waiting-customer'} = [qw(new open stalled resolved rejected cancelled deleted)];
        $default->{transitions}{cancelled}          = ['waiting-customer'];
        push @{ $default->{actions} },
            'open -> waiting-customer'     => { label => 'Wait for customer', update => 'Respond' },
            'open -> cancelled'            => { label => 'Cancel' },
            'waiting-customer -> open'     => { label => 'Open It' },
            'waiting-customer -> resolved' => { label => 'Resolve', update => 'Comment' },
            'cancelled -> waiting-customer' => { label => 'Revive' };
        my $lifecycle = RT::Lifecycle->new;
        $lifecycle->Load( Name => 'default', Type => 'ticket' );
        check( 'add custom statuses to the default lifecycle',
            RT::Lifecycle->UpdateLifecycle( CurrentUser => $system, LifecycleObj => $lifecycle, NewConfig => $default ) );
        # A running rt-server keeps its lifecycles until it restarts (REST2 does not reload them).
        open my $flag, '>', "$env_file.restart" or die "cannot write $env_file.restart: $!\n";
        close $flag;
    }
}

# ------------------------------------------------------------------ users

sub ensure_user {
    my (%args) = @_;
    my $user = RT::User->new($system);
    $user->Load( $args{Name} );
    unless ( $user->Id ) {
        check( "create user $args{Name}", $user->Create(%args) );
    }
    if ( $args{Privileged} && !$user->Privileged ) {
        check( "make $args{Name} privileged", $user->SetPrivileged(1) );
    }
    return $user;
}

sub grant {
    my ( $principal, $object, @rights ) = @_;
    for my $right (@rights) {
        next if $principal->HasRight( Right => $right, Object => $object );
        check( "grant $right", $principal->GrantRight( Right => $right, Object => $object ) );
    }
}

# Customers write in by e-mail or through RT's self-service pages too: let
# unprivileged users create and reply in the portal queue, and let requestors
# see their own tickets.
my $unprivileged = RT::Group->new($system);
$unprivileged->LoadSystemInternalGroup('Unprivileged');
grant( $unprivileged->PrincipalObj, $queue, qw(CreateTicket ReplyToTicket SeeQueue) );

my $requestors = RT::Group->new($system);
$requestors->LoadRoleGroup( Object => $queue, Name => 'Requestor' );
unless ( $requestors->Id ) {
    check( 'create Requestor role group', $requestors->CreateRoleGroup( Object => $queue, Name => 'Requestor' ) );
}
grant( $requestors->PrincipalObj, $queue, qw(ShowTicket) );

# The service account the gateway acts as. Rights are granted on the portal
# queue only, and deliberately without ShowTicketComments: it may write an
# internal comment but never read one, so even a bug in the connector cannot
# show internal comments to a customer.
my $portico = ensure_user(
    Name         => 'portico',
    RealName     => 'Portico gateway',
    EmailAddress => 'portico@localhost',
    Privileged   => 1,
    Comments     => 'Service account of the Portico customer portal gateway',
);
grant( $portico->PrincipalObj, $queue,
    qw(SeeQueue ShowTicket CreateTicket ReplyToTicket CommentOnTicket ModifyTicket) );
# Being privileged is enough to read other users' RealName, EmailAddress and
# Privileged flag through REST2 (UserSummaryExtraInfo); no AdminUsers needed.
for my $cf ( values %cf_by_name ) {
    grant( $portico->PrincipalObj, $cf, qw(SeeCustomField ModifyCustomField) );
}

# An agent for the demo.
my $agent = ensure_user(
    Name         => 'alex',
    RealName     => 'Alex Jansen',
    EmailAddress => 'alex@support.example',
    Password     => 'portico-agent',
    Privileged   => 1,
);
grant( $agent->PrincipalObj, $queue,
    qw(SeeQueue ShowTicket OwnTicket ReplyToTicket CommentOnTicket ShowTicketComments ModifyTicket CreateTicket) );
for my $cf ( values %cf_by_name ) {
    grant( $agent->PrincipalObj, $cf, qw(SeeCustomField ModifyCustomField) );
}

# Owners the gateway's routing rules name: an organisation's "routingAssignee"
# becomes the RT Owner of its new tickets, and RT owners are users. Teams are
# shared privileged accounts here: `Team Blue` for the demo's Acme Corp
# (server/seed/demo-seed.ts), `Team A` for the server test suites
# (test/server/helpers/world.ts).
for my $team ( 'Team Blue', 'Team A' ) {
    my $user = ensure_user(
        Name       => $team,
        RealName   => $team,
        Privileged => 1,
        Comments   => 'Routing target of Portico organisations (shared team account)',
    );
    grant( $user->PrincipalObj, $queue, qw(SeeQueue ShowTicket OwnTicket) );
}

my %customers = (
    carol => ensure_user( Name => 'carol@acme.example',  EmailAddress => 'carol@acme.example',  RealName => 'Carol Jansen', Password => 'portico-demo' ),
    dave  => ensure_user( Name => 'dave@acme.example',   EmailAddress => 'dave@acme.example',   RealName => 'Dave de Vries', Password => 'portico-demo' ),
    erin  => ensure_user( Name => 'erin@globex.example', EmailAddress => 'erin@globex.example', RealName => 'Erin Rossi',   Password => 'portico-demo' ),
);

# ------------------------------------------------------------------ token

sub read_env_file {
    my %env;
    return %env unless -e $env_file;
    open my $fh, '<', $env_file or die "cannot read $env_file: $!\n";
    while (<$fh>) {
        chomp;
        next unless /^([A-Z_]+)=(.*)$/;
        $env{$1} = $2;
    }
    return %env;
}

sub token_is_valid {
    my ($auth) = @_;
    return 0 unless $auth;
    my ( $user_id, $secret ) = RT::AuthToken->ParseAuthString($auth);
    return 0 unless $user_id && $user_id == $portico->Id;
    my $tokens = RT::AuthTokens->new($system);
    $tokens->LimitOwner( VALUE => $portico->Id );
    while ( my $token = $tokens->Next ) {
        return 1 if $token->IsToken($secret);
    }
    return 0;
}

my %env   = read_env_file();
my $token = $env{RT_TOKEN};
unless ( token_is_valid($token) ) {
    # A lost token cannot be recovered (RT stores a hash): replace them all.
    my $old = RT::AuthTokens->new($system);
    $old->LimitOwner( VALUE => $portico->Id );
    while ( my $t = $old->Next ) { $t->Delete }
    my $authtoken = RT::AuthToken->new($system);
    my ( $id, $msg, $authstring ) = $authtoken->Create( Owner => $portico->Id, Description => 'Portico gateway' );
    check( 'create auth token', $id, $msg );
    $token = $authstring;
}

{
    my $tmp = "$env_file.tmp";
    my $old_umask = umask 077;
    open my $fh, '>', $tmp or die "cannot write $tmp: $!\n";
    print $fh "# Written by scripts/rt-up.sh; the token belongs to RT user 'portico'. Do not commit.\n";
    print $fh "RT_URL=$url\n";
    print $fh "RT_QUEUE=$queue_name\n";
    print $fh "RT_TOKEN=$token\n";
    close $fh;
    umask $old_umask;
    rename $tmp, $env_file or die "cannot write $env_file: $!\n";
}

# ------------------------------------------------------------------ demo tickets

exit 0 unless $demo;
# Organisation ids as in the widget fixtures (test/mocks/fixtures.ts); the
# gateway's organisations must carry these ids for the organisation view to
# find these tickets (docs/rt.md, "Demo data").
my %orgs = (
    acme   => [ 'org-acme',   'Acme Corp' ],
    globex => [ 'org-globex', 'Globex' ],
);

sub as_user { RT::CurrentUser->new( $_[0] ) }

sub mime {
    my ( $body, @files ) = @_;
    my $entity = MIME::Entity->build(
        Type     => 'multipart/mixed',
        Subject  => 'portico demo',
        'X-Mailer' => 'portico rt-up',
    );
    $entity->attach( Type => 'text/plain', Charset => 'UTF-8', Data => [$body] );
    for my $file (@files) {
        $entity->attach(
            Type        => $file->{type},
            Filename    => $file->{name},
            Data        => $file->{data},
            Encoding    => 'base64',
            Disposition => 'attachment',
        );
    }
    return $entity;
}

# The newest transaction of a ticket: a demo ticket whose newest transaction is
# not the one recorded at seeding was changed since (by a test or a visitor).
sub last_transaction_id {
    my ($ticket) = @_;
    my $txns = $ticket->Transactions;
    $txns->OrderByCols( { FIELD => 'id', ORDER => 'DESC' } );
    $txns->RowsPerPage(1);
    my $last = $txns->First;
    return $last ? $last->Id : 0;
}

my ( $demo_kept, $demo_made ) = ( 0, 0 );

# Each demo ticket exists once, as seeded: an untouched copy is kept, a changed
# one is set to `deleted` (invisible to the portal) and made again, so every
# rt-up hands the demo and the tests the same starting point. One database
# transaction per demo ticket: a failure leaves no half-made ticket behind.
sub demo_ticket {
    my (%args) = @_;
    my $email    = $customers{ $args{who} }->EmailAddress;
    my $existing = RT::Tickets->new($system);
    $existing->FromSQL( "Queue = " . $queue->Id
          . " AND Subject = '" . $args{subject} =~ s/(['\\])/\\$1/gr . "'"
          . " AND Requestor.EmailAddress = '$email' AND Status != 'deleted'" );
    my $kept;
    while ( my $ticket = $existing->Next ) {
        my $mark = $ticket->FirstAttribute('PorticoDemo');
        if ( !$kept && $mark && $mark->Content eq last_transaction_id($ticket) ) {
            $kept = $ticket;
            next;
        }
        my ( $ok, $msg ) = $ticket->SetStatus('deleted');
        check( "retire changed demo ticket #" . $ticket->Id, $ok, $msg );
    }
    if ($kept) {
        $demo_kept++;
        return $kept->Id;
    }
    $RT::Handle->BeginTransaction;
    my $id = eval {
        my $new_id = build_demo_ticket(%args);
        my $ticket = RT::Ticket->new($system);
        $ticket->Load($new_id);
        $ticket->SetAttribute( Name => 'PorticoDemo', Content => last_transaction_id($ticket) );
        $new_id;
    };
    if ( my $err = $@ ) {
        $RT::Handle->Rollback;
        die $err;
    }
    $RT::Handle->Commit;
    $demo_made++;
    return $id;
}

sub build_demo_ticket {
    my (%args) = @_;
    my $customer = $customers{ $args{who} };
    my $ticket   = RT::Ticket->new( as_user($customer) );
    my ( $id, undef, $msg ) = $ticket->Create(
        Queue     => $queue->Id,
        Subject   => $args{subject},
        Requestor => [ $customer->EmailAddress ],
        MIMEObj   => mime( $args{body}, @{ $args{files} || [] } ),
    );
    check( "create demo ticket '$args{subject}'", $id, $msg );

    my $admin_view = RT::Ticket->new($system);
    $admin_view->Load($id);
    my ( $org_id, $org_name ) = @{ $orgs{ $args{org} } };
    my %cfs = ( 'Organization' => $org_id, 'Organization name' => $org_name, %{ $args{cfs} || {} } );
    for my $name ( sort keys %cfs ) {
        check( "set $name", $admin_view->AddCustomFieldValue( Field => $cf_by_name{$name}->Id, Value => $cfs{$name} ) );
    }

    for my $step ( @{ $args{steps} || [] } ) {
        my ( $kind, $by, $body, @files ) = @$step;
        my $actor = $by eq 'agent' ? $agent : $customers{$by};
        my $as    = RT::Ticket->new( as_user($actor) );
        $as->Load($id);
        my $method = $kind eq 'comment' ? 'Comment' : 'Correspond';
        my ( $ok, $m ) = $as->$method( MIMEObj => mime( $body, @files ) );
        check( "$method on '$args{subject}'", $ok, $m );
    }
    if ( $args{owner} ) {
        my $as_agent = RT::Ticket->new( as_user($agent) );
        $as_agent->Load($id);
        check( 'take ticket', $as_agent->SetOwner( $agent->Id ) );
    }
    $admin_view->Load($id);    # replies may have moved the status already
    if ( $args{status} && $args{status} ne $admin_view->Status ) {
        check( "set status $args{status}", $admin_view->SetStatus( $args{status} ) );
    }
    return $id;
}

my $log_text = join '', map { "2024-05-0$_ 09:00:0$_ session expired (idle 3600 s), redirect to /login\n" } 1 .. 5;
# A tiny valid PNG (1x1 transparent pixel), so the demo has a binary attachment.
my $png = pack( 'H*',
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000'
  . '1f15c4890000000d4944415478da63fcffff3f0300050001ff0a2db4'
  . '0000000049454e44ae426082' );

demo_ticket(
    who     => 'carol',
    org     => 'acme',
    subject => 'Portal session drops every hour',
    body    => "Since Monday the customer portal logs us out every hour on the hour. Browser log attached.",
    files   => [ { name => 'portal-session.log', type => 'text/plain', data => $log_text } ],
    cfs     => { Product => 'portal', Urgency => 'high', Service => 'Customer portal' },
    owner   => 1,
    steps   => [
        [ 'comment',    'agent', 'Internal: known session-timeout bug in release 4.2; fix ships next week. Do not promise a date.' ],
        [ 'correspond', 'agent', "Thanks Carol. Which browser do you use? A screenshot of the About page helps." ],
        [ 'correspond', 'carol', "Firefox 126, screenshot attached.", { name => 'about.png', type => 'image/png', data => $png } ],
    ],
    status => 'open',
);
demo_ticket(
    who     => 'dave',
    org     => 'acme',
    subject => 'Invoice 2024-113 shows the wrong VAT rate',
    body    => "Our invoice 2024-113 charges 21% VAT, our contract says 9%.",
    cfs     => { Product => 'billing', Urgency => 'normal', Service => 'Billing' },
    owner   => 1,
    steps   => [ [ 'correspond', 'agent', "We asked Finance to check the contract; we will get back to you when they answer." ] ],
    status  => 'stalled',
);
demo_ticket(
    who     => 'carol',
    org     => 'acme',
    subject => 'CRM access for new colleague Frank',
    body    => "Please give Frank Visser write access to the CRM from 1 June.",
    cfs     => { System => 'crm', 'Access level' => 'write', 'Start date' => '2025-06-01', Reason => 'Joins the sales team.', 'Manager email' => 'carol@acme.example', Service => 'Access' },
    owner   => 1,
    steps   => [ [ 'correspond', 'agent', "Frank has write access to the CRM now." ] ],
    status  => 'resolved',
);
demo_ticket(
    who     => 'erin',
    org     => 'globex',
    subject => 'Mobile app crashes on start',
    body    => "Since this morning's update the app closes right after the splash screen (Android 14).",
    cfs     => { Product => 'mobile-app', Urgency => 'normal', Service => 'Mobile app' },
);
demo_ticket(
    who     => 'dave',
    org     => 'acme',
    subject => 'Please add a dark mode to the portal',
    body    => "Would be nice for late shifts.",
    cfs     => { Product => 'portal', Urgency => 'low' },
    owner   => 1,
    steps   => [ [ 'correspond', 'agent', "Thanks for the idea; it is not on our roadmap this year." ] ],
    status  => 'rejected',
);

print "rt setup: demo tickets: $demo_kept as seeded, $demo_made (re)made\n";
